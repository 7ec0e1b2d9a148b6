package org.opencem.plugin.nps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NpsQuestionTest {

    private final NpsQuestion question = new NpsQuestion();

    @Test
    void describesItsScaleAndWording() {
        assertThat(question.id()).isEqualTo("nps");
        assertThat(question.scale()).hasValueSatisfying(scale -> {
            assertThat(scale.min()).isZero();
            assertThat(scale.max()).isEqualTo(10);
        });
        assertThat(question.defaultText()).containsOnlyKeys("en", "pt", "es", "fr");
    }

    @Test
    void acceptsTheEndsOfItsScaleAndRefusesBeyond() {
        assertThat(question.validate(0)).isEmpty();
        assertThat(question.validate(10)).isEmpty();
        assertThat(question.validate(-1)).isPresent();
        assertThat(question.validate(11)).isPresent();
    }
}
