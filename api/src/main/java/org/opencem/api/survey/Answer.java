package org.opencem.api.survey;

import java.util.Objects;
import java.util.OptionalLong;
import org.opencem.api.annotation.PublicApi;

/**
 * One answer to one question of a response.
 *
 * @param questionId the question's id within its survey
 * @param questionType the {@link QuestionType} id
 * @param value the answer as parsed from JSON: a {@code Number} for scores, a {@code String} for text,
 *     a {@code List} for multiple choice
 */
@PublicApi
public record Answer(String questionId, String questionType, Object value) {

    /** Requires every field. */
    public Answer {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(questionType, "questionType");
        Objects.requireNonNull(value, "value");
    }

    /** @return the answer as a whole-number score, when it is one */
    public OptionalLong score() {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return OptionalLong.of(n.longValue());
        }
        return OptionalLong.empty();
    }
}
