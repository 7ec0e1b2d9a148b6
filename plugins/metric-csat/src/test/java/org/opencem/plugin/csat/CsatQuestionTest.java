package org.opencem.plugin.csat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsatQuestionTest {

    private final CsatQuestion question = new CsatQuestion();

    @Test
    void describesItsScaleAndWording() {
        assertThat(question.id()).isEqualTo("csat");
        assertThat(question.scale()).hasValueSatisfying(scale -> {
            assertThat(scale.min()).isEqualTo(1);
            assertThat(scale.max()).isEqualTo(5);
        });
        assertThat(question.defaultText()).containsOnlyKeys("en", "pt", "es", "fr");
    }

    @Test
    void acceptsTheEndsOfItsScaleAndRefusesBeyond() {
        assertThat(question.validate(1)).isEmpty();
        assertThat(question.validate(5)).isEmpty();
        assertThat(question.validate(0)).isPresent();
        assertThat(question.validate(6)).isPresent();
    }
}
