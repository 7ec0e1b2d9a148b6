package org.opencem.api.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CountersTest {

    @Test
    void countersMergeElementWise() {
        Counters sum = Counters.of(1, 0, 2).merge(Counters.of(3, 4, 0));

        assertThat(sum).isEqualTo(Counters.of(4, 4, 2));
        assertThat(sum.total()).isEqualTo(10);
    }

    @Test
    void countersOnlyAdd() {
        assertThatThrownBy(() -> Counters.zero(3).add(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Counters.zero(3).merge(Counters.zero(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Counters.of(Long.MAX_VALUE).add(0, 1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void ofCopiesItsValues() {
        long[] values = {1, 2};
        Counters counters = Counters.of(values);
        values[0] = 9;

        assertThat(counters.get(0)).isEqualTo(1);
    }
}
