package org.opencem.plugin.nps;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.opencem.api.survey.QuestionType;
import org.pf4j.Extension;

/** The NPS question: how likely the customer is to recommend us, from 0 to 10. */
@Extension
@Singleton
public final class NpsQuestion implements QuestionType {

    /** The question type id, also read by {@link NpsMetric}. */
    public static final String ID = "nps";

    private static final Scale SCALE = new Scale(0, 10);

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
            return Optional.of("must be a whole number from 0 to 10");
        }
        double score = number.doubleValue();
        if (score != Math.rint(score)) {
            return Optional.of("must be a whole number from 0 to 10, got " + value);
        }
        if (score < SCALE.min() || score > SCALE.max()) {
            return Optional.of("must be from 0 to 10, got " + value);
        }
        return Optional.empty();
    }

    @Override
    public Map<String, String> defaultText() {
        return Map.of(
                "en", "How likely are you to recommend us to a friend or colleague?",
                "pt", "Qual a probabilidade de nos recomendar a um amigo ou colega?",
                "es", "¿Qué probabilidad hay de que nos recomiende a un amigo o colega?",
                "fr", "Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?");
    }
}
