package org.opencem.core.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricType;
import org.opencem.api.metric.MetricValue;
import org.opencem.api.survey.Answer;

/**
 * A test metric over 0-10 scores of one question type: one counter per score, the mean as its value and the share
 * of 9 and 10 as a detail, so that every counter matters and any misplaced count changes the figures.
 */
final class ScoreHistogramMetric implements MetricType {

    static final int SCORES = 11;

    private final String id;
    private final String questionType;

    ScoreHistogramMetric(String id, String questionType) {
        this.id = id;
        this.questionType = questionType;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return "Score histogram " + id;
    }

    @Override
    public Set<String> questionTypes() {
        return Set.of(questionType);
    }

    @Override
    public List<String> counterNames() {
        List<String> names = new ArrayList<>();
        for (int score = 0; score < SCORES; score++) {
            names.add("score" + score);
        }
        return names;
    }

    @Override
    public void foldAnswer(Answer answer, Counters counters) {
        counters.add((int) answer.score().orElseThrow(), 1);
    }

    @Override
    public MetricValue compute(Counters counters) {
        long n = counters.total();
        if (n == 0) {
            return MetricValue.empty();
        }
        double sum = 0;
        for (int score = 0; score < SCORES; score++) {
            sum += (double) score * counters.get(score);
        }
        double top = 100.0 * (counters.get(9) + counters.get(10)) / n;
        return new MetricValue(OptionalDouble.of(sum / n), n, OptionalDouble.empty(), Map.of("top-percent", top));
    }
}
