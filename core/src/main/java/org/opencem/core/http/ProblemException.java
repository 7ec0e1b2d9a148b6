package org.opencem.core.http;

import java.util.List;

/** Thrown by handlers and services to answer a problem; the failure handler turns it into JSON. */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<Problem.FieldError> errors;

    private ProblemException(int status, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** @param detail what is wrong @param errors the bad fields @return a 400 problem */
    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, detail, errors);
    }

    /** @param field the bad field @param message what is wrong @return a 400 problem naming it */
    public static ProblemException badField(String field, String message) {
        return new ProblemException(400, field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    /** @param detail what was not found @return a 404 problem */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail, List.of());
    }

    /** @param detail what conflicts @return a 409 problem */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail, List.of());
    }

    /**
     * @param field the field whose value conflicts with what is stored
     * @param message what it conflicts with
     * @return a 409 problem naming it
     */
    public static ProblemException conflictingField(String field, String message) {
        return new ProblemException(409, field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    /** @param status any status @param detail what went wrong @return a problem */
    public static ProblemException of(int status, String detail) {
        return new ProblemException(status, detail, List.of());
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the bad fields; empty when not a validation problem */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}
