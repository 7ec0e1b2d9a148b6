package org.opencem.plugin.ces;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricType;
import org.opencem.api.metric.MetricValue;
import org.opencem.api.survey.Answer;
import org.pf4j.Extension;

/**
 * Customer Effort Score: the mean answer on the 1-7 scale, with the percentage of answers 5 to 7 (customers who
 * agree it was easy) as the detail {@code agree-percent}. Counters: the number of answers per score, 1 to 7. The
 * margin of error is 1.96 sample standard deviations of the mean; a single answer has none. An answer puts its
 * customer in {@code easy} (5-7), {@code neutral} (4) or {@code hard} (1-3).
 */
@Extension
@Singleton
public final class CesMetric implements MetricType {

    private static final double Z_95 = 1.96;
    private static final int AGREE_FROM = 5;
    private static final int NEUTRAL = 4;

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
        counters.add((int) scoreOf(answer) - CesQuestion.SCALE.min(), 1);
    }

    @Override
    public Optional<String> category(Answer answer) {
        long score = scoreOf(answer);
        return Optional.of(score >= AGREE_FROM ? "easy" : score == NEUTRAL ? "neutral" : "hard");
    }

    private static long scoreOf(Answer answer) {
        return answer.score().orElseThrow(() -> new IllegalArgumentException("not a score: " + answer));
    }

    @Override
    public MetricValue compute(Counters counters) {
        long n = counters.total();
        if (n == 0) {
            return MetricValue.empty();
        }
        double sum = 0;
        long agree = 0;
        for (int i = 0; i < counters.length(); i++) {
            sum += (double) scoreAt(i) * counters.get(i);
            if (scoreAt(i) >= AGREE_FROM) {
                agree += counters.get(i);
            }
        }
        double mean = sum / n;
        Map<String, Double> details = Map.of("agree-percent", 100.0 * agree / n);
        if (n == 1) {
            return new MetricValue(OptionalDouble.of(mean), n, OptionalDouble.empty(), details);
        }
        double squaredDeviations = 0;
        for (int i = 0; i < counters.length(); i++) {
            double deviation = scoreAt(i) - mean;
            squaredDeviations += deviation * deviation * counters.get(i);
        }
        double stddev = Math.sqrt(squaredDeviations / (n - 1));
        return new MetricValue(OptionalDouble.of(mean), n, OptionalDouble.of(Z_95 * stddev / Math.sqrt(n)), details);
    }

    private static int scoreAt(int index) {
        return index + CesQuestion.SCALE.min();
    }
}
