package org.opencem.api.survey;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opencem.api.annotation.PublicApi;

/**
 * A question answered with a whole number on a fixed scale (NPS 0-10, CSAT 1-5, CES 1-7): extend it
 * with the id, the scale and the default wording, and answers are validated the same way everywhere.
 */
@PublicApi
public abstract class ScaleQuestionType implements QuestionType {

    private final String id;
    private final Scale scale;
    private final Map<String, String> defaultText;

    /**
     * @param id the question type id
     * @param scale the inclusive scale
     * @param defaultText the wording by locale, at least {@code en}
     */
    protected ScaleQuestionType(String id, Scale scale, Map<String, String> defaultText) {
        this.id = Objects.requireNonNull(id, "id");
        this.scale = Objects.requireNonNull(scale, "scale");
        if (!defaultText.containsKey("en")) {
            throw new IllegalArgumentException("question type '" + id + "' needs an English wording");
        }
        this.defaultText = Map.copyOf(defaultText);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Optional<Scale> scale() {
        return Optional.of(scale);
    }

    @Override
    public final Map<String, String> defaultText() {
        return defaultText;
    }

    /** Accepts whole numbers on the scale ({@code 9}, {@code 9.0}); refuses the rest with a reason. */
    @Override
    public final Optional<String> validate(Object value) {
        String range = scale.min() + " to " + scale.max();
        if (!(value instanceof Number number)) {
            return Optional.of("must be a whole number from " + range);
        }
        double score = number.doubleValue();
        if (score != Math.rint(score)) {
            return Optional.of("must be a whole number from " + range + ", got " + value);
        }
        if (!scale.contains((long) score)) {
            return Optional.of("must be from " + range + ", got " + value);
        }
        return Optional.empty();
    }
}
