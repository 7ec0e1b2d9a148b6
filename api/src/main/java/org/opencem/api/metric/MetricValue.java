package org.opencem.api.metric;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.opencem.api.annotation.PublicApi;

/**
 * A metric's value over some answers.
 *
 * @param value the value; empty when {@code n} is 0 (never NaN, never a made-up 0)
 * @param n the sample size
 * @param marginOfError half-width of the 95% confidence interval, in the value's unit; empty when unknown
 * @param details secondary figures by name, kebab-case (CSAT: {@code mean}; CES: {@code agree-percent}); empty
 *     when the sample is empty, never NaN
 */
@PublicApi
public record MetricValue(OptionalDouble value, long n, OptionalDouble marginOfError, Map<String, Double> details) {

    /** Checks that no figure is NaN and that n is not negative. */
    public MetricValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(marginOfError, "marginOfError");
        details = Map.copyOf(details);
        if (details.values().stream().anyMatch(d -> d.isNaN())) {
            throw new IllegalArgumentException("details must not be NaN");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        if (value.isPresent() && Double.isNaN(value.getAsDouble())) {
            throw new IllegalArgumentException("value must not be NaN");
        }
    }

    /**
     * A value without secondary figures.
     *
     * @param value the value; empty when {@code n} is 0
     * @param n the sample size
     * @param marginOfError half-width of the 95% confidence interval; empty when unknown
     */
    public MetricValue(OptionalDouble value, long n, OptionalDouble marginOfError) {
        this(value, n, marginOfError, Map.of());
    }

    /** @return the value of an empty sample */
    public static MetricValue empty() {
        return new MetricValue(OptionalDouble.empty(), 0, OptionalDouble.empty());
    }
}
