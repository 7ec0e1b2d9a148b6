package org.opencem.core.response;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opencem.api.customer.Identity;

/**
 * One validated write of answers to a survey, ready for the writer (which checks the answers against the survey).
 *
 * @param key the client's idempotency key ({@code id} in the API)
 * @param surveyId the survey answered
 * @param identities the person's normalized identities; empty when anonymous
 * @param attributes customer attributes to set, often none
 * @param channel where the answers came from
 * @param touchpoint the touchpoint key
 * @param locale the locale the questions were shown in; empty for the survey's default locale
 * @param occurredAt when the answers were given (the receive time when the client did not say)
 * @param answers question id to the value as parsed from JSON, in the order sent
 * @param complete whether the client says the response is complete
 */
public record ResponseRequest(String key, UUID surveyId, List<Identity> identities, Map<String, Object> attributes,
                              String channel, String touchpoint, Optional<String> locale, Instant occurredAt,
                              Map<String, Object> answers, boolean complete) {

    /** Copies the collections, keeping the answers' order. */
    public ResponseRequest {
        identities = List.copyOf(identities);
        attributes = Map.copyOf(attributes);
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }
}
