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
import org.jooq.Insert;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.store.ContentionException;

/**
 * Adds answers' counters to the rollups, inside the caller's transaction (the one that stores the answers).
 * Deltas are first summed per row in memory, so a group of responses on one day costs one upsert per row, and
 * rows are written in key order, so that concurrent writers lock them in the same order and cannot deadlock.
 * Rows only ever grow ({@code counter_value = counter_value + delta}): nodes never coordinate to count.
 *
 * <p>The upsert finds its row through the primary key on both databases: PostgreSQL's {@code ON CONFLICT} uses it
 * as its arbiter index, and the {@code MERGE} jOOQ renders for H2 looks the row up by all seven key columns
 * (both checked by {@code RollupWriterIT}). On PostgreSQL, two transactions upserting the same new row never fail:
 * the second waits for the first and adds to its row. H2's {@code MERGE} first looks for the row and then inserts
 * it, so a transaction that inserts the same new row in between makes it fail with a unique key violation:
 * that is answered as a {@link ContentionException}, and the caller's transaction runs again
 * ({@link org.opencem.core.store.Blocking#inTransaction}) and finds the row.
 *
 * <p>Within a metric, the rows summed over every survey come first, and among them each day's row of the
 * {@link RollupGrain#ALL} grain comes before the other rows of that day. {@link #replaceDay} relies on that order.
 */
@Singleton
public final class RollupWriter {

    /** One rollup row's key. */
    record Key(String metric, UUID surveyId, String questionId, LocalDate day, String channel, String touchpoint,
               short counter) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::metric)
            .thenComparing(k -> !k.surveyId().equals(RollupGrain.ANY_SURVEY)).thenComparing(Key::surveyId)
            .thenComparing(Key::questionId).thenComparing(Key::day).thenComparing(Key::channel)
            .thenComparing(Key::touchpoint).thenComparing(Key::counter);

    /** SQLSTATE of a unique key violation. */
    private static final String UNIQUE_VIOLATION = "23505";

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
        upsert(tx, rows);
    }

    /**
     * Replaces one metric's rollups of one day by what the day's raw answers add, correctly while responses of that
     * day keep being stored. First it locks the day's {@link RollupGrain#ALL} rows of every counter (creating them
     * at 0): every transaction adding to that metric and day writes at least one of them, and writes them first (see
     * the class comment), so it either committed before (its raw answers are then read here) or waits until this
     * transaction commits (and then adds to the replaced rows). Then the day's rows are deleted, the raw answers
     * read, and their rows written.
     *
     * @param tx the transaction, read committed (each statement sees what committed before it started)
     * @param metric the metric id
     * @param counters the metric's number of counters
     * @param day the day, in {@link #zone()}
     * @param prefixes every {@code (survey, question)} pair that may have rows, besides the rows of every survey
     * @param readRaw reads the day's raw answers, called once the day is locked and its rows deleted
     * @return the number of raw answers read
     */
    public int replaceDay(DSLContext tx, String metric, int counters, LocalDate day,
                          Collection<Map.Entry<UUID, String>> prefixes, RawDay readRaw) {
        Map<Key, Long> locks = new TreeMap<>(ORDER);
        for (short i = 0; i < counters; i++) {
            locks.put(new Key(metric, RollupGrain.ANY_SURVEY, RollupGrain.ANY, day, RollupGrain.ANY, RollupGrain.ANY, i), 0L);
        }
        upsert(tx, locks);
        // One range of the primary key per (survey, question): deleting by day alone would read all of the metric's rows.
        BatchBindStep delete = tx.batch(tx.deleteFrom(METRIC_ROLLUP).where(METRIC_ROLLUP.METRIC.eq((String) null),
                METRIC_ROLLUP.SURVEY_ID.eq((UUID) null), METRIC_ROLLUP.QUESTION_ID.eq((String) null),
                METRIC_ROLLUP.BUCKET_DAY.eq((LocalDate) null)));
        delete.bind(metric, RollupGrain.ANY_SURVEY, RollupGrain.ANY, day);
        prefixes.forEach(p -> delete.bind(metric, p.getKey(), p.getValue(), day));
        delete.execute();
        Collection<RollupDelta> recomputed = readRaw.read();
        add(tx, recomputed);
        return recomputed.size();
    }

    /** Reads one day's raw answers as deltas, inside {@link #replaceDay}'s transaction. */
    @FunctionalInterface
    public interface RawDay {
        /** @return what the day's answers add */
        Collection<RollupDelta> read();
    }

    private static void upsert(DSLContext tx, Map<Key, Long> rows) {
        if (rows.isEmpty()) {
            return;
        }
        BatchBindStep batch = tx.batch(upsert(tx, null, null, null, null, null, null, null, null));
        rows.forEach((k, value) -> batch.bind(k.metric(), k.surveyId(), k.questionId(), k.day(), k.channel(),
                k.touchpoint(), k.counter(), value));
        try {
            batch.execute();
        } catch (DataAccessException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new ContentionException("a concurrent transaction created the same rollup row");
            }
            throw e;
        }
    }

    /** The upsert of one row; package-private so that its plan can be checked. */
    static Insert<?> upsert(DSLContext tx, String metric, UUID survey, String question, LocalDate day, String channel,
                            String touchpoint, Short counter, Long value) {
        return tx.insertInto(METRIC_ROLLUP,
                        METRIC_ROLLUP.METRIC, METRIC_ROLLUP.SURVEY_ID, METRIC_ROLLUP.QUESTION_ID, METRIC_ROLLUP.BUCKET_DAY,
                        METRIC_ROLLUP.CHANNEL, METRIC_ROLLUP.TOUCHPOINT_KEY, METRIC_ROLLUP.COUNTER_INDEX,
                        METRIC_ROLLUP.COUNTER_VALUE)
                .values(metric, survey, question, day, channel, touchpoint, counter, value)
                .onConflict(METRIC_ROLLUP.METRIC, METRIC_ROLLUP.SURVEY_ID, METRIC_ROLLUP.QUESTION_ID,
                        METRIC_ROLLUP.BUCKET_DAY, METRIC_ROLLUP.CHANNEL, METRIC_ROLLUP.TOUCHPOINT_KEY,
                        METRIC_ROLLUP.COUNTER_INDEX)
                .doUpdate()
                .set(METRIC_ROLLUP.COUNTER_VALUE, METRIC_ROLLUP.COUNTER_VALUE.plus(DSL.excluded(METRIC_ROLLUP.COUNTER_VALUE)));
    }
}
