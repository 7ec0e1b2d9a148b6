package org.opencem.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencem.core.customer.AttributeFilter;

class SegmentTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            attributes.tier:gold        | tier | gold
            attributes.city:Lisbon:Baixa | city | Lisbon:Baixa
            attributes.vip:true         | vip  | true
            """)
    void keyRunsToTheFirstColon(String text, String key, String value) {
        assertThat(Segment.parse(text)).contains(new Segment(new AttributeFilter(key, value)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tier:gold", "attributes.tier", "attributes.:gold", "attributes.tier:", "attribute.tier:gold"})
    void malformedSegmentsAreRefused(String text) {
        assertThat(Segment.parse(text)).isEmpty();
    }
}
