package org.opencem.core.analytics;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricType;
import org.opencem.api.survey.Answer;
import org.opencem.core.plugin.ExtensionRegistry;
import org.opencem.core.plugin.PluginRuntime;

/**
 * Turns an answer into what it adds to the rollups of every installed metric that reads its question type. A
 * metric plugin that throws while folding is marked FAILED and skipped: the answer is stored anyway, and that
 * metric's rollups are rebuilt from the raw answers when it runs again. Rebuilds and reads of raw answers fold
 * through the same {@link #fold(ExtensionRegistry.Entry, Answer)}.
 */
@Singleton
public final class AnswerFolder {

    private final ExtensionRegistry registry;
    private final Provider<PluginRuntime> plugins;

    @Inject
    AnswerFolder(ExtensionRegistry registry, Provider<PluginRuntime> plugins) {
        this.registry = registry;
        this.plugins = plugins;
    }

    /**
     * @param surveyId the survey answered
     * @param channel the response's channel
     * @param touchpoint the response's touchpoint
     * @param occurredAt the response's time ({@code response.occurred_at}): rollup days, rebuilds and reads of raw
     *     answers all cut days by it
     * @param answer a valid answer
     * @return one delta per metric reading the answer's question type
     */
    public List<RollupDelta> fold(UUID surveyId, String channel, String touchpoint, Instant occurredAt, Answer answer) {
        List<RollupDelta> deltas = new ArrayList<>(1);
        for (ExtensionRegistry.Entry<MetricType> entry : registry.metricTypes()) {
            fold(entry, answer).ifPresent(counters -> deltas.add(new RollupDelta(entry.extension().id(), surveyId,
                    answer.questionId(), channel, touchpoint, occurredAt, counters)));
        }
        return deltas;
    }

    /**
     * @param metric a metric
     * @param answer a valid answer
     * @return what the answer adds to the metric's counters; empty when the metric does not read its question type,
     *     or threw (its plugin is then FAILED)
     */
    public Optional<Counters> fold(ExtensionRegistry.Entry<MetricType> metric, Answer answer) {
        MetricType type = metric.extension();
        if (!type.questionTypes().contains(answer.questionType())) {
            return Optional.empty();
        }
        try {
            Counters counters = Counters.zero(type.counterNames().size());
            type.foldAnswer(answer, counters);
            return Optional.of(counters);
        } catch (RuntimeException e) {
            plugins.get().fail(metric.pluginId(), e);
            return Optional.empty();
        }
    }
}
