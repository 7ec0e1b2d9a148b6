package org.opencem.plugin.ces;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricType;
import org.opencem.api.metric.MetricValue;
import org.opencem.api.survey.Answer;
import org.pf4j.Extension;

/**
 * Customer Effort Score: the mean answer on the 1-7 scale. Counters: the number of answers per score, 1 to
 * 7. The margin of error is 1.96 sample standard deviations of the mean; a single answer has none.
 */
@Extension
@Singleton
public final class CesMetric implements MetricType {

    private static final double Z_95 = 1.96;

    @Override
    public String id() {
        return "ces";
    }

    @Override
    public String displayName() {
        return "Customer Effort Score";
    }

    @Override
    public Set<String> questionTypes() {
        return Set.of(CesQuestion.ID);
    }

    @Override
    public List<String> counterNames() {
        return List.of("score1", "score2", "score3", "score4", "score5", "score6", "score7");
    }

    @Override
    public void foldAnswer(Answer answer, Counters counters) {
        long score = answer.score().orElseThrow(() -> new IllegalArgumentException("not a score: " + answer));
        counters.add((int) score - CesQuestion.SCALE.min(), 1);
    }

    @Override
    public MetricValue compute(Counters counters) {
        long n = counters.total();
        if (n == 0) {
            return MetricValue.empty();
        }
        double sum = 0;
        for (int i = 0; i < counters.length(); i++) {
            sum += scoreAt(i) * counters.get(i);
        }
        double mean = sum / n;
        if (n == 1) {
            return new MetricValue(OptionalDouble.of(mean), n, OptionalDouble.empty());
        }
        double squaredDeviations = 0;
        for (int i = 0; i < counters.length(); i++) {
            double deviation = scoreAt(i) - mean;
            squaredDeviations += deviation * deviation * counters.get(i);
        }
        double stddev = Math.sqrt(squaredDeviations / (n - 1));
        return new MetricValue(OptionalDouble.of(mean), n, OptionalDouble.of(Z_95 * stddev / Math.sqrt(n)));
    }

    private static int scoreAt(int index) {
        return index + CesQuestion.SCALE.min();
    }
}
