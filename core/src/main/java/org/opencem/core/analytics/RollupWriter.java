package org.opencem.core.analytics;

import static org.opencem.core.store.schema.Tables.METRIC_ROLLUP;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.opencem.core.config.ServerConfig;

/**
 * Adds answers' counters to the rollups, inside the caller's transaction (the one that stores the answers).
 * Deltas are first summed per row in memory, so a group of responses on one day costs one upsert per row, and
 * rows are written in key order, so that concurrent writers lock them in the same order and cannot deadlock.
 * Rows only ever grow ({@code counter_value = counter_value + delta}): nodes never coordinate to count.
 */
@Singleton
public final class RollupWriter {

    /** One rollup row's key. */
    record Key(String metric, UUID surveyId, String questionId, LocalDate day, String channel, String touchpoint,
               short counter) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::metric).thenComparing(Key::surveyId)
            .thenComparing(Key::questionId).thenComparing(Key::day).thenComparing(Key::channel)
            .thenComparing(Key::touchpoint).thenComparing(Key::counter);

    private final ZoneId zone;

    @Inject
    RollupWriter(ServerConfig config) {
        this(config.reportingZone());
    }

    RollupWriter(ZoneId zone) {
        this.zone = zone;
    }

    /** @return the zone in which rollup days are cut */
    public ZoneId zone() {
        return zone;
    }

    /**
     * @param tx the transaction storing the answers
     * @param deltas what the answers add
     */
    public void add(DSLContext tx, Collection<RollupDelta> deltas) {
        Map<Key, Long> rows = new TreeMap<>(ORDER);
        for (RollupDelta delta : deltas) {
            LocalDate day = delta.occurredAt().atZone(zone).toLocalDate();
            for (RollupGrain grain : RollupGrain.values()) {
                UUID survey = grain.keepsSurvey() ? delta.surveyId() : RollupGrain.ANY_SURVEY;
                String question = grain.keepsSurvey() ? delta.questionId() : RollupGrain.ANY;
                String channel = grain.keepsChannel() ? delta.channel() : RollupGrain.ANY;
                String touchpoint = grain.keepsTouchpoint() ? delta.touchpoint() : RollupGrain.ANY;
                for (short i = 0; i < delta.counters().length(); i++) {
                    long value = delta.counters().get(i);
                    if (value != 0) {
                        rows.merge(new Key(delta.metric(), survey, question, day, channel, touchpoint, i), value, Long::sum);
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        BatchBindStep batch = tx.batch(tx.insertInto(METRIC_ROLLUP,
                        METRIC_ROLLUP.METRIC, METRIC_ROLLUP.SURVEY_ID, METRIC_ROLLUP.QUESTION_ID, METRIC_ROLLUP.BUCKET_DAY,
                        METRIC_ROLLUP.CHANNEL, METRIC_ROLLUP.TOUCHPOINT_KEY, METRIC_ROLLUP.COUNTER_INDEX,
                        METRIC_ROLLUP.COUNTER_VALUE)
                .values((String) null, null, null, null, null, null, null, null)
                .onConflict(METRIC_ROLLUP.METRIC, METRIC_ROLLUP.SURVEY_ID, METRIC_ROLLUP.QUESTION_ID,
                        METRIC_ROLLUP.BUCKET_DAY, METRIC_ROLLUP.CHANNEL, METRIC_ROLLUP.TOUCHPOINT_KEY,
                        METRIC_ROLLUP.COUNTER_INDEX)
                .doUpdate()
                .set(METRIC_ROLLUP.COUNTER_VALUE, METRIC_ROLLUP.COUNTER_VALUE.plus(DSL.excluded(METRIC_ROLLUP.COUNTER_VALUE))));
        rows.forEach((k, value) -> batch.bind(k.metric(), k.surveyId(), k.questionId(), k.day(), k.channel(),
                k.touchpoint(), k.counter(), value));
        batch.execute();
    }
}
