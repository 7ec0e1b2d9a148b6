package org.opencem.core.response;

import static org.opencem.core.store.schema.Tables.CUSTOMER_METRIC_STATE;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.opencem.api.metric.MetricType;
import org.opencem.api.survey.Answer;
import org.opencem.core.plugin.ExtensionRegistry;
import org.opencem.core.plugin.PluginRuntime;

/**
 * Each customer's latest answer per metric ({@code customer_metric_state}): the score and the metric's category of
 * it (NPS: promoter, passive, detractor). "Latest" is by the time the response was given ({@code occurredAt}), not
 * the time it was stored, so importing older answers never replaces a newer state. A metric plugin that throws while categorizing is marked
 * FAILED, like one that throws while folding ({@link org.opencem.core.analytics.AnswerFolder}).
 */
@Singleton
final class MetricStates {

    /**
     * A customer's state on one metric after one answer.
     *
     * @param customerId the customer (a survivor)
     * @param metric the metric id
     * @param score the answer's score
     * @param category the metric's category of it, or {@code null}
     * @param surveyId the survey answered
     * @param responseId the response holding the answer
     * @param answeredAt when its response was given
     */
    record State(UUID customerId, String metric, long score, String category, UUID surveyId, UUID responseId,
                 Instant answeredAt) {
    }

    private record Key(UUID customerId, String metric) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::customerId).thenComparing(Key::metric);

    private final ExtensionRegistry registry;
    private final Provider<PluginRuntime> plugins;

    @Inject
    MetricStates(ExtensionRegistry registry, Provider<PluginRuntime> plugins) {
        this.registry = registry;
        this.plugins = plugins;
    }

    /**
     * @param customerId the customer who answered
     * @param surveyId the survey answered
     * @param responseId the response
     * @param answer a valid answer
     * @param answeredAt when its response was given
     * @return the states it sets, one per running metric that reads its question type; none without a score
     */
    List<State> of(UUID customerId, UUID surveyId, UUID responseId, Answer answer, Instant answeredAt) {
        if (answer.score().isEmpty()) {
            return List.of();
        }
        List<State> states = new ArrayList<>(1);
        for (ExtensionRegistry.Entry<MetricType> entry : registry.metricTypes()) {
            MetricType metric = entry.extension();
            if (!metric.questionTypes().contains(answer.questionType())) {
                continue;
            }
            try {
                String category = metric.category(answer).orElse(null);
                states.add(new State(customerId, metric.id(), answer.score().getAsLong(), category, surveyId, responseId,
                        answeredAt));
            } catch (RuntimeException e) {
                plugins.get().fail(entry.pluginId(), e);
            }
        }
        return states;
    }

    /**
     * Keeps, per customer and metric, the latest of the states and of the one stored. Rows are written in key
     * order, so concurrent writers lock them in the same order.
     *
     * @param tx the transaction storing the answers
     * @param states states set by the group's answers
     */
    void write(DSLContext tx, Collection<State> states) {
        if (states.isEmpty()) {
            return;
        }
        Map<Key, State> latest = new TreeMap<>(ORDER);
        for (State state : states) {
            latest.merge(new Key(state.customerId(), state.metric()), state,
                    (kept, next) -> next.answeredAt().isBefore(kept.answeredAt()) ? kept : next);
        }
        var cms = CUSTOMER_METRIC_STATE;
        BatchBindStep batch = tx.batch(tx.insertInto(cms, cms.CUSTOMER_ID, cms.METRIC, cms.SCORE, cms.CATEGORY,
                        cms.SURVEY_ID, cms.RESPONSE_ID, cms.ANSWERED_AT)
                .values((UUID) null, null, null, null, null, null, null)
                .onConflict(cms.CUSTOMER_ID, cms.METRIC)
                .doUpdate()
                .set(cms.SCORE, DSL.excluded(cms.SCORE))
                .set(cms.CATEGORY, DSL.excluded(cms.CATEGORY))
                .set(cms.SURVEY_ID, DSL.excluded(cms.SURVEY_ID))
                .set(cms.RESPONSE_ID, DSL.excluded(cms.RESPONSE_ID))
                .set(cms.ANSWERED_AT, DSL.excluded(cms.ANSWERED_AT))
                .where(cms.ANSWERED_AT.le(DSL.excluded(cms.ANSWERED_AT))));
        latest.values().forEach(s -> batch.bind(s.customerId(), s.metric(), s.score(), s.category(), s.surveyId(),
                s.responseId(), s.answeredAt()));
        batch.execute();
    }
}
