package org.opencem.plugin.csat;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsatQuestionTest {

    private final CsatQuestion question = new CsatQuestion();

    static Stream<Object> validAnswers() {
        return Stream.of(1, 3, 5, 4L, 2.0, new BigDecimal("5.00"));
    }

    static Stream<Arguments> refusedAnswers() {
        return Stream.of(
                Arguments.of(0, "must be from 1 to 5, got 0"),
                Arguments.of(6, "must be from 1 to 5, got 6"),
                Arguments.of(4.5, "must be a whole number from 1 to 5, got 4.5"),
                Arguments.of("4", "must be a whole number from 1 to 5"),
                Arguments.of(false, "must be a whole number from 1 to 5"));
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
        assertThat(question.id()).isEqualTo("csat");
        assertThat(question.scale()).hasValueSatisfying(scale -> {
            assertThat(scale.min()).isEqualTo(1);
            assertThat(scale.max()).isEqualTo(5);
        });
        assertThat(question.defaultText()).containsOnlyKeys("en", "pt", "es", "fr");
    }
}
