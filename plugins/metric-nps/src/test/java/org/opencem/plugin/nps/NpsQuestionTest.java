package org.opencem.plugin.nps;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NpsQuestionTest {

    private final NpsQuestion question = new NpsQuestion();

    static Stream<Object> validAnswers() {
        return Stream.of(0, 5, 10, 7L, 9.0, new BigDecimal("10.00"));
    }

    static Stream<Arguments> refusedAnswers() {
        return Stream.of(
                Arguments.of(-1, "must be from 0 to 10, got -1"),
                Arguments.of(11, "must be from 0 to 10, got 11"),
                Arguments.of(9.5, "must be a whole number from 0 to 10, got 9.5"),
                Arguments.of(Double.NaN, "must be a whole number from 0 to 10, got NaN"),
                Arguments.of("9", "must be a whole number from 0 to 10"),
                Arguments.of(true, "must be a whole number from 0 to 10"));
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
        assertThat(question.id()).isEqualTo("nps");
        assertThat(question.scale()).hasValueSatisfying(scale -> {
            assertThat(scale.min()).isZero();
            assertThat(scale.max()).isEqualTo(10);
        });
        assertThat(question.defaultText()).containsOnlyKeys("en", "pt", "es", "fr");
    }
}
