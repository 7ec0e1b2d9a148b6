package org.opencem.api.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MetricValueTest {

    @Test
    void emptySampleHasNoValueNoMarginAndNoDetails() {
        MetricValue empty = MetricValue.empty();

        assertThat(empty.value()).isEmpty();
        assertThat(empty.n()).isZero();
        assertThat(empty.marginOfError()).isEmpty();
        assertThat(empty.details()).isEmpty();
    }

    @Test
    void nanIsRefusedWhereverItWouldBeAnswered() {
        assertThatThrownBy(() -> new MetricValue(OptionalDouble.of(Double.NaN), 1, OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricValue(OptionalDouble.of(1), 1, OptionalDouble.empty(), Map.of("mean", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricValue(OptionalDouble.empty(), -1, OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
