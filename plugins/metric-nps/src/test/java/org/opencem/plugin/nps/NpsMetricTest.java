package org.opencem.plugin.nps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricValue;
import org.opencem.api.survey.Answer;

class NpsMetricTest {

    private final NpsMetric metric = new NpsMetric();

    @Test
    void noAnswersHaveNoValue() {
        assertThat(metric.compute(Counters.zero(3))).isEqualTo(MetricValue.empty());
    }

    /** moe = 1.96 * sqrt((p + d - (p - d)^2) / n) * 100, with p and d the promoter and detractor shares. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                  | promoters | passives | detractors | nps       | moe
            all promoters                           | 5         | 0        | 0          | 100       | 0
            all detractors                          | 0         | 0        | 4          | -100      | 0
            only passives                           | 0         | 3        | 0          | 0         | 0
            50/30/20: 196 * sqrt(0.61 / 100)        | 50        | 30       | 20         | 30        | 15.308089
            one of each: 196 * sqrt(2/3 / 3)        | 1         | 1        | 1          | 0         | 92.395286
            repeating 200/3: 196 * sqrt(2/9 / 3)    | 2         | 1        | 0          | 66.666667 | 53.344443
            one third: 196 * sqrt(2/9 / 3)          | 1         | 2        | 0          | 33.333333 | 53.344443
            1/2/4 of 7: 196 * sqrt(26/49 / 7)       | 1         | 2        | 4          | -42.857143 | 53.962950
            """)
    void computesScoreAndMarginOfError(String name, long promoters, long passives, long detractors,
            double nps, double moe) {
        MetricValue value = metric.compute(Counters.of(promoters, passives, detractors));

        assertThat(value.n()).isEqualTo(promoters + passives + detractors);
        assertThat(value.value()).hasValueCloseTo(nps, within(1e-6));
        assertThat(value.marginOfError()).hasValueCloseTo(moe, within(1e-6));
    }

    @Test
    void valueIsNotRounded() {
        MetricValue value = metric.compute(Counters.of(2, 1, 0));

        assertThat(value.value().getAsDouble()).isCloseTo(200.0 / 3, within(1e-12));
    }

    @ParameterizedTest(name = "score {0} -> {1}")
    @CsvSource({
        "0, 0, 0, 1",
        "6, 0, 0, 1",
        "7, 0, 1, 0",
        "8, 0, 1, 0",
        "9, 1, 0, 0",
        "10, 1, 0, 0",
        "9.0, 1, 0, 0",
    })
    void foldsScoreIntoItsGroup(double score, long promoters, long passives, long detractors) {
        Counters counters = Counters.zero(3);

        metric.foldAnswer(new Answer("q1", NpsQuestion.ID, score), counters);

        assertThat(counters).isEqualTo(Counters.of(promoters, passives, detractors));
    }

    @ParameterizedTest(name = "score {0} -> {1}")
    @CsvSource({"0, detractor", "6, detractor", "7, passive", "8, passive", "9, promoter", "10, promoter", "10.0, promoter"})
    void placesEachScoreInItsCategory(double score, String category) {
        assertThat(metric.category(new Answer("q1", NpsQuestion.ID, score))).hasValue(category);
    }

    @Test
    void countersMatchTheirNames() {
        assertThat(metric.counterNames()).containsExactly("promoters", "passives", "detractors");
        assertThat(metric.questionTypes()).containsExactly("nps");
    }
}
