package org.opencem.core.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A response as the API lists it.
 *
 * @param id the client's idempotency key ({@code erased:...} once its customer was erased)
 * @param responseId the stored response's id
 * @param surveyId the survey answered
 * @param surveyVersion the version whose questions it answers
 * @param customerId its customer; {@code null} when anonymous
 * @param channel where it came from
 * @param touchpoint its touchpoint key
 * @param locale the locale the questions were shown in
 * @param occurredAt when it was given (its first write)
 * @param completedAt when it was completed; {@code null} while partial
 * @param answers question id to its score, its text, or {@code null} for a text erased
 */
public record ResponseView(String id, UUID responseId, UUID surveyId, int surveyVersion,
                           @JsonInclude(JsonInclude.Include.ALWAYS) UUID customerId, String channel, String touchpoint,
                           String locale, Instant occurredAt, @JsonInclude(JsonInclude.Include.ALWAYS) Instant completedAt,
                           Map<String, Object> answers) {
}
