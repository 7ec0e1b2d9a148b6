package org.opencem.core.survey;

import java.util.Map;
import java.util.Optional;

/**
 * The core's single-choice question: the answer is one of the question's options. The type alone only knows an
 * option's shape; {@link QuestionTypes#validate} checks the answer is one of the question's own options.
 */
final class ChoiceQuestion extends UnscaledQuestion {

    static final String ID = "choice";
    /** The longest option, and so the longest answer. */
    static final int MAX_OPTION_LENGTH = 200;

    ChoiceQuestion() {
        super(ID, Map.of(
                "en", "Which of these fits best?",
                "pt", "Qual destas opções se aplica melhor?",
                "es", "¿Cuál de estas opciones se ajusta mejor?",
                "fr", "Laquelle de ces options correspond le mieux ?"));
    }

    @Override
    public Optional<String> validate(Object value) {
        if (!(value instanceof String option) || option.isBlank()
                || option.codePointCount(0, option.length()) > MAX_OPTION_LENGTH) {
            return Optional.of("must be one of the question's options (text of 1 to " + MAX_OPTION_LENGTH + " characters)");
        }
        return Optional.empty();
    }
}
