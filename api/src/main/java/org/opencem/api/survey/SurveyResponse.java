package org.opencem.api.survey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencem.api.annotation.PublicApi;
import org.opencem.api.customer.Identity;

/**
 * Answers from one person to one survey.
 *
 * @param id the idempotency id of the response
 * @param surveyId the survey answered
 * @param identities the person's identities; empty when anonymous
 * @param channelId the channel instance the answers came through
 * @param touchpoint the touchpoint key
 * @param locale the locale the questions were shown in
 * @param occurredAt when the person answered
 * @param answers answers by question id, as parsed from JSON
 */
@PublicApi
public record SurveyResponse(String id, String surveyId, List<Identity> identities, String channelId,
                             String touchpoint, String locale, Instant occurredAt, Map<String, Object> answers) {

    /** Requires the identifying fields and copies the collections. */
    public SurveyResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(surveyId, "surveyId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(touchpoint, "touchpoint");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(occurredAt, "occurredAt");
        identities = List.copyOf(identities);
        answers = Map.copyOf(answers);
    }
}
