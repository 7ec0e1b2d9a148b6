package org.opencem.plugin.nps;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricType;
import org.opencem.api.metric.MetricValue;
import org.opencem.api.survey.Answer;
import org.pf4j.Extension;

/**
 * Net Promoter Score: the percentage of promoters (9-10) minus the percentage of detractors (0-6), from -100
 * to 100. Counters: promoters, passives, detractors. The margin of error is that of a difference of two
 * proportions of one multinomial sample.
 */
@Extension
@Singleton
public final class NpsMetric implements MetricType {

    static final int PROMOTERS = 0;
    static final int PASSIVES = 1;
    static final int DETRACTORS = 2;

    private static final double Z_95 = 1.96;

    @Override
    public String id() {
        return "nps";
    }

    @Override
    public String displayName() {
        return "Net Promoter Score";
    }

    @Override
    public Set<String> questionTypes() {
        return Set.of(NpsQuestion.ID);
    }

    @Override
    public List<String> counterNames() {
        return List.of("promoters", "passives", "detractors");
    }

    @Override
    public void foldAnswer(Answer answer, Counters counters) {
        counters.add(counterOf(answer), 1);
    }

    @Override
    public Optional<String> category(Answer answer) {
        return Optional.of(counterNames().get(counterOf(answer)).replaceAll("s$", ""));
    }

    private static int counterOf(Answer answer) {
        long score = answer.score().orElseThrow(() -> new IllegalArgumentException("not a score: " + answer));
        return score >= 9 ? PROMOTERS : score >= 7 ? PASSIVES : DETRACTORS;
    }

    @Override
    public MetricValue compute(Counters counters) {
        long n = counters.total();
        if (n == 0) {
            return MetricValue.empty();
        }
        double promoters = (double) counters.get(PROMOTERS) / n;
        double detractors = (double) counters.get(DETRACTORS) / n;
        double nps = promoters - detractors;
        double variance = promoters + detractors - nps * nps;
        double moe = Z_95 * Math.sqrt(variance / n) * 100;
        return new MetricValue(OptionalDouble.of(nps * 100), n, OptionalDouble.of(moe));
    }
}
