package org.opencem.plugin.ces;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.opencem.api.survey.QuestionType;
import org.pf4j.Extension;

/** The CES question: how easy it was for the customer, from 1 (very difficult) to 7 (very easy). */
@Extension
@Singleton
public final class CesQuestion implements QuestionType {

    /** The question type id, also read by {@link CesMetric}. */
    public static final String ID = "ces";

    static final Scale SCALE = new Scale(1, 7);

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
            return Optional.of("must be a whole number from 1 to 7");
        }
        double score = number.doubleValue();
        if (score != Math.rint(score)) {
            return Optional.of("must be a whole number from 1 to 7, got " + value);
        }
        if (score < SCALE.min() || score > SCALE.max()) {
            return Optional.of("must be from 1 to 7, got " + value);
        }
        return Optional.empty();
    }

    @Override
    public Map<String, String> defaultText() {
        return Map.of(
                "en", "How easy was it to get what you needed?",
                "pt", "Quão fácil foi obter o que precisava?",
                "es", "¿Qué tan fácil fue obtener lo que necesitaba?",
                "fr", "Dans quelle mesure a-t-il été facile d'obtenir ce dont vous aviez besoin ?");
    }
}
