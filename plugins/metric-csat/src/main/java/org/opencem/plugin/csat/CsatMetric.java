package org.opencem.plugin.csat;

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
 * Customer Satisfaction: the percentage of answers 4 or 5 on the 1-5 scale ("top-2-box"), from 0 to 100, with
 * the mean score as the detail {@code mean}. Counters: the number of answers per score, 1 to 5. The margin of
 * error is that of a binomial proportion. An answer puts its customer in {@code satisfied} (4-5), {@code neutral}
 * (3) or {@code unsatisfied} (1-2).
 */
@Extension
@Singleton
public final class CsatMetric implements MetricType {

    private static final int SATISFIED_FROM = 4;
    private static final int NEUTRAL = 3;
    private static final double Z_95 = 1.96;

    @Override
    public String id() {
        return "csat";
    }

    @Override
    public String displayName() {
        return "Customer Satisfaction";
    }

    @Override
    public Set<String> questionTypes() {
        return Set.of(CsatQuestion.ID);
    }

    @Override
    public List<String> counterNames() {
        return List.of("score1", "score2", "score3", "score4", "score5");
    }

    @Override
    public void foldAnswer(Answer answer, Counters counters) {
        counters.add((int) scoreOf(answer) - CsatQuestion.SCALE.min(), 1);
    }

    @Override
    public Optional<String> category(Answer answer) {
        long score = scoreOf(answer);
        return Optional.of(score >= SATISFIED_FROM ? "satisfied" : score == NEUTRAL ? "neutral" : "unsatisfied");
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
        long satisfied = 0;
        double sum = 0;
        for (int score = CsatQuestion.SCALE.min(); score <= CsatQuestion.SCALE.max(); score++) {
            long count = counters.get(score - CsatQuestion.SCALE.min());
            sum += (double) score * count;
            if (score >= SATISFIED_FROM) {
                satisfied += count;
            }
        }
        double share = (double) satisfied / n;
        double moe = Z_95 * Math.sqrt(share * (1 - share) / n) * 100;
        return new MetricValue(OptionalDouble.of(share * 100), n, OptionalDouble.of(moe), Map.of("mean", sum / n));
    }
}
