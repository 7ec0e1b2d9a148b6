package org.opencem.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencem.core.plugin.ExtensionRegistry;

class QuestionTypesTest {

    private static final QuestionTypes TYPES = new QuestionTypes(new ExtensionRegistry());

    private static QuestionDefinition question(String type, String... options) {
        return new QuestionDefinition("q1", type, Map.of("en", "?"), List.of(options));
    }

    static Stream<Arguments> answers() {
        String longest = "x".repeat(5_000);
        return Stream.of(
                // type, options, value, expected refusal (null: accepted)
                Arguments.of("rating", List.of(), 1, null),
                Arguments.of("rating", List.of(), 5, null),
                Arguments.of("rating", List.of(), new BigDecimal("4.0"), null),
                Arguments.of("rating", List.of(), 0, "must be from 1 to 5, got 0"),
                Arguments.of("rating", List.of(), 6, "must be from 1 to 5, got 6"),
                Arguments.of("rating", List.of(), new BigDecimal("4.5"), "must be a whole number from 1 to 5, got 4.5"),
                Arguments.of("rating", List.of(), "four", "must be a whole number from 1 to 5"),
                Arguments.of("choice", List.of("Price", "Quality"), "Quality", null),
                Arguments.of("choice", List.of("Price", "Quality"), "quality",
                        "must be one of the question's options: Price, Quality"),
                Arguments.of("choice", List.of("Price", "Quality"), "Service",
                        "must be one of the question's options: Price, Quality"),
                Arguments.of("choice", List.of("1", "2"), 1,
                        "must be one of the question's options (text of 1 to 200 characters)"),
                Arguments.of("choice", List.of("Price", "Quality"), List.of("Price"),
                        "must be one of the question's options (text of 1 to 200 characters)"),
                Arguments.of("text", List.of(), "Great staff", null),
                Arguments.of("text", List.of(), longest, null),
                Arguments.of("text", List.of(), longest + "x", "must have at most 5000 characters"),
                Arguments.of("text", List.of(), "   ", "must not be blank"),
                Arguments.of("text", List.of(), 9, "must be text of 1 to 5000 characters"),
                Arguments.of("nps", List.of(), 9, "question type 'nps' is not installed"),
                Arguments.of("unknown", List.of(), "x", "question type 'unknown' is not installed"));
    }

    @ParameterizedTest(name = "{0} {1} answered {2}")
    @MethodSource("answers")
    void answersAreCheckedByTheirQuestionType(String type, List<String> options, Object value, String refusal) {
        Optional<String> reason = TYPES.validate(question(type, options.toArray(String[]::new)), value);

        assertThat(reason).isEqualTo(Optional.ofNullable(refusal));
    }

    @Test
    void textCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00".repeat(5_000);

        assertThat(TYPES.validate(question("text"), emoji)).isEmpty();
    }

    @Test
    void coreTypesShipWordingInTheFourBundledLocales() {
        for (String id : List.of("rating", "choice", "text")) {
            assertThat(TYPES.find(id)).as(id).hasValueSatisfying(type ->
                    assertThat(type.defaultText()).containsOnlyKeys("en", "pt", "es", "fr"));
        }
        assertThat(TYPES.ids()).containsExactly("choice", "rating", "text");
    }
}
