package org.opencem.core.response;

import java.util.UUID;
import org.opencem.core.http.ProblemException;

/**
 * What storing one response write did.
 *
 * @param result what became of the write; {@code null} when refused
 * @param responseId the stored response's id
 * @param customerId its customer (a survivor); {@code null} when anonymous or refused
 * @param complete whether the response was complete after the write
 * @param refusal why the write was refused (nothing of it stored); {@code null} otherwise
 */
public record ResponseOutcome(Result result, UUID responseId, UUID customerId, boolean complete,
                              ProblemException refusal) {

    /** How a write was taken. */
    public enum Result {
        /** A new response. */
        CREATED,
        /** Answers added to a response stored before, or the response completed. */
        UPDATED,
        /** Nothing new: every answer was stored before with the same value. */
        UNCHANGED
    }

    static ResponseOutcome refused(ProblemException refusal) {
        return new ResponseOutcome(null, null, null, false, refusal);
    }
}
