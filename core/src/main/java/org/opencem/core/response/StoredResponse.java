package org.opencem.core.response;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A response as stored, with its answers: what a later write to the same id is checked against.
 *
 * @param id its id
 * @param key the client's idempotency key
 * @param surveyId the survey answered
 * @param surveyVersion the version it started on, whose questions its answers answer
 * @param customerId its customer as stored (possibly merged since); {@code null} when anonymous
 * @param channel where it came from
 * @param touchpoint its touchpoint key
 * @param occurredAt when it was given (its first write): the time its answers count at in rollups and metric states
 * @param completedAt when it was completed; {@code null} while partial
 * @param answers question id to its value
 */
record StoredResponse(UUID id, String key, UUID surveyId, int surveyVersion, UUID customerId, String channel,
                      String touchpoint, Instant occurredAt, Instant completedAt, Map<String, AnswerValue> answers) {
}
