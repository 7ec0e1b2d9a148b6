package org.opencem.plugin.ces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricValue;
import org.opencem.api.survey.Answer;

class CesMetricTest {

    private final CesMetric metric = new CesMetric();

    @Test
    void noAnswersHaveNoValue() {
        assertThat(metric.compute(Counters.zero(7))).isEqualTo(MetricValue.empty());
    }

    @Test
    void oneAnswerHasAMeanButNoMarginOfError() {
        MetricValue value = metric.compute(Counters.of(0, 0, 0, 0, 0, 0, 1));

        assertThat(value.value()).hasValue(7);
        assertThat(value.n()).isOne();
        assertThat(value.marginOfError()).isEmpty();
        assertThat(value.details()).containsEntry("agree-percent", 100.0);
    }

    @Test
    void noAnswersHaveNoAgreePercent() {
        assertThat(metric.compute(Counters.zero(7)).details()).isEmpty();
    }

    /**
     * moe = 1.96 * s / sqrt(n), with s the sample standard deviation (n - 1 in the denominator); agree = the
     * percentage of answers 5 to 7.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                        | s1 | s2 | s3 | s4 | s5 | s6 | s7 | ces      | moe      | agree
            all very easy                                 | 0  | 0  | 0  | 0  | 0  | 0  | 4  | 7        | 0        | 100
            all very difficult                            | 4  | 0  | 0  | 0  | 0  | 0  | 0  | 1        | 0        | 0
            only neutral                                  | 0  | 0  | 0  | 3  | 0  | 0  | 0  | 4        | 0        | 0
            1 and 7: s^2 = 18, 1.96 * sqrt(18) / sqrt(2)  | 1  | 0  | 0  | 0  | 0  | 0  | 1  | 4        | 5.88     | 50
            1, 2, 3: s = 1, 1.96 / sqrt(3)                | 1  | 1  | 1  | 0  | 0  | 0  | 0  | 2        | 1.131607 | 0
            mean 51/10: s^2 = 20.9 / 9                    | 0  | 1  | 0  | 2  | 3  | 2  | 2  | 5.1      | 0.944513 | 70
            1, 6, 7: s^2 = 62/6, 2 of 3 agree             | 1  | 0  | 0  | 0  | 0  | 1  | 1  | 4.666667 | 3.637606 | 66.666667
            """)
    void computesMeanMarginOfErrorAndAgreePercent(String name, long s1, long s2, long s3, long s4, long s5, long s6,
            long s7, double ces, double moe, double agree) {
        MetricValue value = metric.compute(Counters.of(s1, s2, s3, s4, s5, s6, s7));

        assertThat(value.n()).isEqualTo(s1 + s2 + s3 + s4 + s5 + s6 + s7);
        assertThat(value.value()).hasValueCloseTo(ces, within(1e-6));
        assertThat(value.marginOfError()).hasValueCloseTo(moe, within(1e-6));
        assertThat(value.details()).containsOnlyKeys("agree-percent");
        assertThat(value.details().get("agree-percent")).isCloseTo(agree, within(1e-6));
    }

    @ParameterizedTest(name = "score {0} -> {1}")
    @CsvSource({"1, hard", "3, hard", "4, neutral", "5, easy", "7, easy", "7.0, easy"})
    void placesEachScoreInItsCategory(double score, String category) {
        assertThat(metric.category(new Answer("q1", CesQuestion.ID, score))).hasValue(category);
    }

    @Test
    void valueIsNotRounded() {
        MetricValue value = metric.compute(Counters.of(1, 0, 0, 0, 0, 1, 1));

        assertThat(value.value().getAsDouble()).isCloseTo(14.0 / 3, within(1e-12));
    }

    @ParameterizedTest(name = "score {0} -> counter {1}")
    @CsvSource({"1, 0", "4, 3", "7, 6", "7.0, 6"})
    void foldsScoreIntoItsCounter(double score, int index) {
        Counters counters = Counters.zero(7);

        metric.foldAnswer(new Answer("q1", CesQuestion.ID, score), counters);

        assertThat(counters.total()).isOne();
        assertThat(counters.get(index)).isOne();
    }

    @Test
    void countersMatchTheirNames() {
        assertThat(metric.counterNames()).hasSize(7).startsWith("score1").endsWith("score7");
        assertThat(metric.questionTypes()).containsExactly("ces");
    }
}
