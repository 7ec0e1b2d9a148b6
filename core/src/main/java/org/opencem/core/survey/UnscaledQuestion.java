package org.opencem.core.survey;

import java.util.Map;
import java.util.Optional;
import org.opencem.api.survey.QuestionType;

/** A core question answered with text rather than a score: its id and default wording, no scale. */
abstract class UnscaledQuestion implements QuestionType {

    private final String id;
    private final Map<String, String> text;

    UnscaledQuestion(String id, Map<String, String> text) {
        this.id = id;
        this.text = Map.copyOf(text);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Optional<Scale> scale() {
        return Optional.empty();
    }

    @Override
    public final Map<String, String> defaultText() {
        return text;
    }
}
