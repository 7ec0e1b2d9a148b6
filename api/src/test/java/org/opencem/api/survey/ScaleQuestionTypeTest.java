package org.opencem.api.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScaleQuestionTypeTest {

    private static final class ZeroToTen extends ScaleQuestionType {
        ZeroToTen() {
            super("zero-to-ten", new QuestionType.Scale(0, 10), Map.of("en", "How likely?"));
        }
    }

    private final QuestionType question = new ZeroToTen();

    static Stream<Object> validAnswers() {
        return Stream.of(0, 5, 10, 7L, 9.0, new BigDecimal("10.00"));
    }

    static Stream<Arguments> refusedAnswers() {
        return Stream.of(
                Arguments.of(-1, "must be from 0 to 10, got -1"),
                Arguments.of(11, "must be from 0 to 10, got 11"),
                Arguments.of(9.5, "must be a whole number from 0 to 10, got 9.5"),
                Arguments.of(Double.NaN, "must be a whole number from 0 to 10, got NaN"),
                Arguments.of(1e300, "must be from 0 to 10, got 1.0E300"),
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
    void aQuestionWithoutEnglishWordingIsRefused() {
        assertThatThrownBy(() -> new ScaleQuestionType("x", new QuestionType.Scale(1, 5), Map.of("pt", "Olá")) {
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("English");
    }
}
