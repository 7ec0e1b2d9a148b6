package org.opencem.api.metric;

import java.util.Objects;
import java.util.OptionalDouble;
import org.opencem.api.annotation.PublicApi;

/**
 * A metric's value over some answers.
 *
 * @param value the value; empty when {@code n} is 0 (never NaN, never a made-up 0)
 * @param n the sample size
 * @param marginOfError half-width of the 95% confidence interval, in the value's unit; empty when unknown
 */
@PublicApi
public record MetricValue(OptionalDouble value, long n, OptionalDouble marginOfError) {

    /** Checks that a value is never NaN and that n is not negative. */
    public MetricValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(marginOfError, "marginOfError");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        if (value.isPresent() && Double.isNaN(value.getAsDouble())) {
            throw new IllegalArgumentException("value must not be NaN");
        }
    }

    /** @return the value of an empty sample */
    public static MetricValue empty() {
        return new MetricValue(OptionalDouble.empty(), 0, OptionalDouble.empty());
    }
}
