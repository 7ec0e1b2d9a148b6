package org.opencem.plugin.csat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricValue;
import org.opencem.api.survey.Answer;

class CsatMetricTest {

    private final CsatMetric metric = new CsatMetric();

    @Test
    void noAnswersHaveNoValue() {
        assertThat(metric.compute(Counters.zero(5))).isEqualTo(MetricValue.empty());
    }

    @Test
    void noAnswersHaveNoMean() {
        assertThat(metric.compute(Counters.zero(5)).details()).isEmpty();
    }

    /** moe = 1.96 * sqrt(q * (1 - q) / n) * 100, with q the share of 4 and 5 answers; mean = sum of scores / n. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                 | s1 | s2 | s3 | s4 | s5 | csat      | moe       | mean
            all very satisfied                     | 0  | 0  | 0  | 0  | 6  | 100       | 0         | 5
            all very unsatisfied                   | 3  | 0  | 0  | 0  | 0  | 0         | 0         | 1
            only neutral                           | 0  | 0  | 2  | 0  | 0  | 0         | 0         | 3
            15 of 20: 196 * sqrt(0.1875 / 20)      | 2  | 1  | 2  | 5  | 10 | 75        | 18.977618 | 4
            repeating 200/3: 196 * sqrt(2/9 / 3)   | 0  | 0  | 1  | 1  | 1  | 66.666667 | 53.344443 | 4
            one each: 196 * sqrt(0.24 / 5)         | 1  | 1  | 1  | 1  | 1  | 40        | 42.941449 | 3
            mean 10/3: 1, 4, 5                     | 1  | 0  | 0  | 1  | 1  | 66.666667 | 53.344443 | 3.333333
            """)
    void computesShareMarginOfErrorAndMean(String name, long s1, long s2, long s3, long s4, long s5,
            double csat, double moe, double mean) {
        MetricValue value = metric.compute(Counters.of(s1, s2, s3, s4, s5));

        assertThat(value.n()).isEqualTo(s1 + s2 + s3 + s4 + s5);
        assertThat(value.value()).hasValueCloseTo(csat, within(1e-6));
        assertThat(value.marginOfError()).hasValueCloseTo(moe, within(1e-6));
        assertThat(value.details()).containsOnlyKeys("mean");
        assertThat(value.details().get("mean")).isCloseTo(mean, within(1e-6));
    }

    @ParameterizedTest(name = "score {0} -> {1}")
    @CsvSource({"1, unsatisfied", "2, unsatisfied", "3, neutral", "4, satisfied", "5, satisfied", "5.0, satisfied"})
    void placesEachScoreInItsCategory(double score, String category) {
        assertThat(metric.category(new Answer("q1", CsatQuestion.ID, score))).hasValue(category);
    }

    @Test
    void valueIsNotRounded() {
        MetricValue value = metric.compute(Counters.of(0, 0, 1, 1, 1));

        assertThat(value.value().getAsDouble()).isCloseTo(200.0 / 3, within(1e-12));
    }

    @ParameterizedTest(name = "score {0} -> counter {1}")
    @CsvSource({"1, 0", "2, 1", "3, 2", "4, 3", "5, 4", "5.0, 4"})
    void foldsScoreIntoItsCounter(double score, int index) {
        Counters counters = Counters.zero(5);

        metric.foldAnswer(new Answer("q1", CsatQuestion.ID, score), counters);

        assertThat(counters.total()).isOne();
        assertThat(counters.get(index)).isOne();
    }

    @Test
    void countersMatchTheirNames() {
        assertThat(metric.counterNames()).containsExactly("score1", "score2", "score3", "score4", "score5");
        assertThat(metric.questionTypes()).containsExactly("csat");
    }
}
