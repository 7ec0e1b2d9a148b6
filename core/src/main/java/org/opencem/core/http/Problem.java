package org.opencem.core.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem body: every error the API answers has this shape.
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this occurrence
 * @param instance the request path
 * @param errors the fields that were wrong, for validation problems; empty otherwise
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /**
     * One bad field.
     *
     * @param field a JSON pointer-like path to the field ({@code config.greeting})
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }
}
