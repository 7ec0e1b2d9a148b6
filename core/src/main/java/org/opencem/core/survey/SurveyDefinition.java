package org.opencem.core.survey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A survey as of one version: its settings (always the current ones) and the questions of that version.
 *
 * @param id the survey id
 * @param name the admin-given name
 * @param status where it is in its life
 * @param version the version whose questions these are
 * @param defaultLocale the locale every question has a text in, used when a text is missing in another locale
 * @param questions the questions of this version, in order
 * @param channels the channel instances it runs on
 * @param touchpoints the touchpoint keys it runs at
 * @param fatigue how often it may ask a customer
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record SurveyDefinition(UUID id, String name, SurveyStatus status, int version, String defaultLocale,
                               List<QuestionDefinition> questions, List<UUID> channels, List<String> touchpoints,
                               Fatigue fatigue, Instant createdAt, Instant updatedAt) {

    /** Copies the collections. */
    public SurveyDefinition {
        questions = List.copyOf(questions);
        channels = List.copyOf(channels);
        touchpoints = List.copyOf(touchpoints);
    }

    /** @param id a question id @return the question of this version with that id */
    public Optional<QuestionDefinition> question(String id) {
        return questions.stream().filter(question -> question.id().equals(id)).findFirst();
    }
}
