package org.opencem.plugin.ces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CesQuestionTest {

    private final CesQuestion question = new CesQuestion();

    @Test
    void describesItsScaleAndWording() {
        assertThat(question.id()).isEqualTo("ces");
        assertThat(question.scale()).hasValueSatisfying(scale -> {
            assertThat(scale.min()).isEqualTo(1);
            assertThat(scale.max()).isEqualTo(7);
        });
        assertThat(question.defaultText()).containsOnlyKeys("en", "pt", "es", "fr");
    }

    @Test
    void acceptsTheEndsOfItsScaleAndRefusesBeyond() {
        assertThat(question.validate(1)).isEmpty();
        assertThat(question.validate(7)).isEmpty();
        assertThat(question.validate(0)).isPresent();
        assertThat(question.validate(8)).isPresent();
    }
}
