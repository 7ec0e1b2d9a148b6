package org.opencem.core.survey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A survey as the API shows it: a definition and how many responses the survey has (of every version).
 *
 * @param id the survey id
 * @param name the admin-given name
 * @param status where it is in its life
 * @param version the version whose questions are shown
 * @param defaultLocale the fallback locale
 * @param questions the questions of that version
 * @param channels the channel instances it runs on
 * @param touchpoints the touchpoint keys it runs at
 * @param fatigue how often it may ask a customer
 * @param responses how many responses it has
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
record SurveyView(UUID id, String name, SurveyStatus status, int version, String defaultLocale,
                  List<QuestionDefinition> questions, List<UUID> channels, List<String> touchpoints, Fatigue fatigue,
                  long responses, Instant createdAt, Instant updatedAt) {

    static SurveyView of(SurveyDefinition survey, long responses) {
        return new SurveyView(survey.id(), survey.name(), survey.status(), survey.version(), survey.defaultLocale(),
                survey.questions(), survey.channels(), survey.touchpoints(), survey.fatigue(), responses,
                survey.createdAt(), survey.updatedAt());
    }
}
