package org.opencem.plugin.ces;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CesQuestionTest {

    private final CesQuestion question = new CesQuestion();

    static Stream<Object> validAnswers() {
        return Stream.of(1, 4, 7, 6L, 3.0, new BigDecimal("7.0"));
    }

    static Stream<Arguments> refusedAnswers() {
        return Stream.of(
                Arguments.of(0, "must be from 1 to 7, got 0"),
                Arguments.of(8, "must be from 1 to 7, got 8"),
                Arguments.of(Double.POSITIVE_INFINITY, "must be from 1 to 7, got Infinity"),
                Arguments.of(6.5, "must be a whole number from 1 to 7, got 6.5"),
                Arguments.of("7", "must be a whole number from 1 to 7"));
    }

    @ParameterizedTest
    @MethodSource("validAnswers")
    void acceptsWholeNumbersOnTheScale(Object answer) {
        assertThat(question.validate(answer)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("refusedAnswers")
    void refusesOtherAnswersWithAReason(Object answer, String reason) {
        assertThat(question.validate(answer)).contains(reason);
    }

    @Test
    void describesItsScaleAndWording() {
        assertThat(question.id()).isEqualTo("ces");
        assertThat(question.scale()).hasValueSatisfying(scale -> {
            assertThat(scale.min()).isEqualTo(1);
            assertThat(scale.max()).isEqualTo(7);
        });
        assertThat(question.defaultText()).containsOnlyKeys("en", "pt", "es", "fr");
    }
}
