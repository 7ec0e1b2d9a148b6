package org.opencem.core.survey;

import java.util.Map;
import java.util.Optional;

/** The core's free-text question: a comment of 1 to 5,000 characters. */
final class TextQuestion extends UnscaledQuestion {

    static final String ID = "text";
    static final int MAX_LENGTH = 5_000;

    TextQuestion() {
        super(ID, Map.of(
                "en", "Is there anything else you would like to tell us?",
                "pt", "Há mais alguma coisa que nos queira dizer?",
                "es", "¿Hay algo más que quiera contarnos?",
                "fr", "Souhaitez-vous nous dire autre chose ?"));
    }

    @Override
    public Optional<String> validate(Object value) {
        if (!(value instanceof String text)) {
            return Optional.of("must be text of 1 to " + MAX_LENGTH + " characters");
        }
        if (text.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            return Optional.of("must have at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }
}
