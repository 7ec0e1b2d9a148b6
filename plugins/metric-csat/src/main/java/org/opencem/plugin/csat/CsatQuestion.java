package org.opencem.plugin.csat;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.opencem.api.survey.QuestionType;
import org.pf4j.Extension;

/** The CSAT question: how satisfied the customer is, from 1 (very unsatisfied) to 5 (very satisfied). */
@Extension
@Singleton
public final class CsatQuestion implements QuestionType {

    /** The question type id, also read by {@link CsatMetric}. */
    public static final String ID = "csat";

    static final Scale SCALE = new Scale(1, 5);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Scale> scale() {
        return Optional.of(SCALE);
    }

    @Override
    public Optional<String> validate(Object value) {
        if (!(value instanceof Number number)) {
            return Optional.of("must be a whole number from 1 to 5");
        }
        double score = number.doubleValue();
        if (score != Math.rint(score)) {
            return Optional.of("must be a whole number from 1 to 5, got " + value);
        }
        if (score < SCALE.min() || score > SCALE.max()) {
            return Optional.of("must be from 1 to 5, got " + value);
        }
        return Optional.empty();
    }

    @Override
    public Map<String, String> defaultText() {
        return Map.of(
                "en", "How satisfied are you with your experience?",
                "pt", "Qual o seu grau de satisfação com a sua experiência?",
                "es", "¿Qué tan satisfecho está con su experiencia?",
                "fr", "Dans quelle mesure êtes-vous satisfait de votre expérience ?");
    }
}
