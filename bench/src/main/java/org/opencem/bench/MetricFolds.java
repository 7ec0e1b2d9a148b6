package org.opencem.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricType;
import org.opencem.api.survey.Answer;
import org.opencem.core.analytics.AnswerFolder;
import org.opencem.core.analytics.RollupDelta;

/**
 * The metric types of the plugins on the class path (the distribution's own metric plugins, unpacked by
 * {@code bench/analytics.sh}), folding answers exactly as {@link AnswerFolder} does: one delta per metric reading
 * the answer's question type. {@code AnswerFolder} itself reads the plugin runtime's registry, which only a
 * started server fills; here the plugins are found through PF4J's extension index
 * ({@code META-INF/extensions.idx}) and created with their public no-argument constructors, so the rollups are
 * folded by the very code the server runs.
 */
final class MetricFolds {

    private static final String INDEX = "META-INF/extensions.idx";

    private final List<MetricType> metrics;

    private MetricFolds(List<MetricType> metrics) {
        this.metrics = List.copyOf(metrics);
    }

    /** @return the metric types listed in the extension indexes on the class path */
    static MetricFolds fromClassPath() throws IOException, ReflectiveOperationException {
        ClassLoader loader = MetricFolds.class.getClassLoader();
        List<MetricType> metrics = new ArrayList<>();
        Enumeration<URL> indexes = loader.getResources(INDEX);
        for (URL index : Collections.list(indexes)) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String name = line.strip();
                    if (name.isEmpty() || name.startsWith("#")) {
                        continue;
                    }
                    Class<?> type = Class.forName(name, true, loader);
                    if (MetricType.class.isAssignableFrom(type)) {
                        metrics.add((MetricType) type.getDeclaredConstructor().newInstance());
                    }
                }
            }
        }
        if (metrics.isEmpty()) {
            throw new IllegalStateException("no metric plugin on the class path (no " + INDEX + " naming a MetricType)");
        }
        return new MetricFolds(metrics);
    }

    /** @return the metric types found */
    List<MetricType> metrics() {
        return metrics;
    }

    /** Adds one delta per metric reading the answer's question type to {@code deltas}. */
    void fold(UUID surveyId, String channel, String touchpoint, Instant occurredAt, Answer answer,
              List<RollupDelta> deltas) {
        for (MetricType metric : metrics) {
            if (metric.questionTypes().contains(answer.questionType())) {
                Counters counters = Counters.zero(metric.counterNames().size());
                metric.foldAnswer(answer, counters);
                deltas.add(new RollupDelta(metric.id(), surveyId, answer.questionId(), channel, touchpoint, occurredAt, counters));
            }
        }
    }
}
