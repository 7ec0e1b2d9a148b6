package org.opencem.core.analytics;

import static org.opencem.core.store.schema.Tables.METRIC_ROLLUP;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.SURVEY_QUESTION;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.opencem.api.metric.MetricType;
import org.opencem.core.plugin.ExtensionRegistry;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds metrics' rollups from the stored answers, one metric at a time on a thread of its own, while responses
 * keep being stored. Each day is one transaction ({@link RollupWriter#replaceDay}: lock the day, delete its rows,
 * recompute them from the raw answers), retried when it loses a race, so the rollups of a day are always either
 * the old ones or the rebuilt ones, and answers stored meanwhile are counted once. The days rebuilt run from the
 * first day holding an answer or a rollup to the last (tomorrow at least, for answers arriving during the
 * rebuild); answers of days outside that range arriving during the rebuild are added by their writer as usual.
 * Until the last day is done the state is {@link RollupStatus#BUILDING} and analytics read raw answers.
 *
 * <p>Progress ({@code processed} of {@code total} days) is kept per metric for {@code GET /analytics/rebuild} and
 * logged every {@value #LOG_EVERY_SECONDS} seconds. Jobs live in this node's memory.
 */
@Singleton
public final class RollupRebuild implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RollupRebuild.class);
    private static final long LOG_EVERY_SECONDS = 10;

    /**
     * A rebuild as {@code GET /analytics/rebuild} shows it.
     *
     * @param metric the metric id
     * @param status {@code running}, {@code done} or {@code failed}
     * @param processed days rebuilt
     * @param total days to rebuild; 0 until counted
     * @param startedAt when it was asked for
     * @param finishedAt when it ended; null while running
     */
    public record JobView(String metric, String status, long processed, long total, Instant startedAt,
                          @JsonInclude(JsonInclude.Include.ALWAYS) Instant finishedAt) {
    }

    private static final class Job {
        final ExtensionRegistry.Entry<MetricType> metric;
        final Instant startedAt;
        volatile String status = "running";
        volatile long processed;
        volatile long total;
        volatile long answers;
        volatile Instant finishedAt;
        volatile boolean cancelled;

        Job(ExtensionRegistry.Entry<MetricType> metric, Instant startedAt) {
            this.metric = metric;
            this.startedAt = startedAt;
        }

        String id() {
            return metric.extension().id();
        }

        JobView view() {
            return new JobView(id(), status, processed, total, startedAt, finishedAt);
        }
    }

    private final Database database;
    private final RollupWriter writer;
    private final RollupStateRepository states;
    private final AnswerFolder folder;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "opencem-rollup-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    /** The latest job of each metric, guarded by {@code this}. */
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    @Inject
    RollupRebuild(Database database, RollupWriter writer, RollupStateRepository states, AnswerFolder folder, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.states = states;
        this.folder = folder;
        this.clock = clock;
    }

    /**
     * Marks a registered metric's rollups as building and queues their rebuild, replacing a rebuild of it under way.
     * Blocking.
     *
     * @param metric the metric
     */
    public synchronized void start(ExtensionRegistry.Entry<MetricType> metric) {
        MetricType type = metric.extension();
        Optional.ofNullable(jobs.get(type.id())).ifPresent(old -> old.cancelled = true);
        Blocking.inTransaction(database.dsl(), dsl -> {
            states.building(dsl, type.id(), type.counterNames(), writer.zone());
            return null;
        });
        Job job = new Job(metric, clock.instant());
        jobs.put(type.id(), job);
        executor.execute(() -> run(job));
    }

    /**
     * Marks a metric's rollups stale, stopping its rebuild if one is under way. Blocking.
     *
     * @param metric the metric id
     */
    public synchronized void stop(String metric) {
        Job job = jobs.get(metric);
        if (job != null && !job.cancelled && job.finishedAt == null) {
            job.cancelled = true;
            end(job, "failed");
            LOG.info("Rollup rebuild of metric '{}' stopped: the metric left", metric);
        }
        Blocking.inTransaction(database.dsl(), dsl -> {
            states.stale(dsl, metric);
            return null;
        });
    }

    /** @return the latest rebuild of each metric since the server started */
    public synchronized List<JobView> jobs() {
        return jobs.values().stream().map(Job::view).toList();
    }

    private void run(Job job) {
        if (job.cancelled) {
            return;
        }
        MetricType type = job.metric.extension();
        ZoneId zone = writer.zone();
        try {
            List<LocalDate> days = days(type.id(), zone);
            job.total = days.size();
            LOG.info("Rollup rebuild of metric '{}' started: {} days", type.id(), days.size());
            long lastLog = System.nanoTime();
            for (LocalDate day : days) {
                if (job.cancelled) {
                    return;
                }
                job.answers += Blocking.inTransaction(database.dsl(), tx -> writer.replaceDay(tx, type.id(),
                        type.counterNames().size(), day, prefixes(tx), () -> recompute(tx, folder, job.metric, day, zone)));
                job.processed++;
                if (System.nanoTime() - lastLog >= TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS)) {
                    lastLog = System.nanoTime();
                    LOG.info("Rollup rebuild of metric '{}': {}/{} days, {} answers", type.id(), job.processed, job.total,
                            job.answers);
                }
            }
            finish(job, zone);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Rollup rebuild of metric '{}' failed after {}/{} days", type.id(), job.processed, job.total, e);
            failed(job);
        }
    }

    /** Every day that holds an answer or a rollup row of the metric, and today and tomorrow, in the zone. */
    private List<LocalDate> days(String metric, ZoneId zone) {
        return Blocking.inTransaction(database.dsl(), dsl -> {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            Record2<Instant, Instant> raw = dsl.select(DSL.min(RESPONSE.OCCURRED_AT), DSL.max(RESPONSE.OCCURRED_AT))
                    .from(RESPONSE).fetchSingle();
            Record2<LocalDate, LocalDate> rollups = dsl.select(DSL.min(METRIC_ROLLUP.BUCKET_DAY), DSL.max(METRIC_ROLLUP.BUCKET_DAY))
                    .from(METRIC_ROLLUP)
                    .where(METRIC_ROLLUP.METRIC.eq(metric), METRIC_ROLLUP.SURVEY_ID.eq(RollupGrain.ANY_SURVEY),
                            METRIC_ROLLUP.QUESTION_ID.eq(RollupGrain.ANY))
                    .fetchSingle();
            LocalDate first = Stream.of(Optional.of(today), Optional.ofNullable(raw.value1()).map(t -> t.atZone(zone).toLocalDate()),
                    Optional.ofNullable(rollups.value1())).flatMap(Optional::stream).min(LocalDate::compareTo).orElseThrow();
            LocalDate last = Stream.of(Optional.of(today.plusDays(1)), Optional.ofNullable(raw.value2()).map(t -> t.atZone(zone).toLocalDate()),
                    Optional.ofNullable(rollups.value2())).flatMap(Optional::stream).max(LocalDate::compareTo).orElseThrow();
            return first.datesUntil(last.plusDays(1)).toList();
        });
    }

    /** Every question that may have rollup rows (questions of every version of every survey). */
    static Collection<Map.Entry<UUID, String>> prefixes(DSLContext tx) {
        return tx.selectDistinct(SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.QUESTION_ID).from(SURVEY_QUESTION)
                .fetch(r -> Map.entry(r.value1(), r.value2()));
    }

    /**
     * @param tx the transaction replacing the day
     * @param folder folds answers
     * @param metric the metric
     * @param day a day in the zone
     * @param zone the reporting zone
     * @return what the day's stored answers add to the metric's rollups
     */
    static Collection<RollupDelta> recompute(DSLContext tx, AnswerFolder folder, ExtensionRegistry.Entry<MetricType> metric,
                                             LocalDate day, ZoneId zone) {
        MetricType type = metric.extension();
        List<RollupDelta> deltas = new ArrayList<>();
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        RawAnswers.scan(tx, type.questionTypes(), from, to, AnalyticsFilter.NONE, row -> deltas.add(new RollupDelta(
                type.id(), row.surveyId(), row.answer().questionId(), row.channel(), row.touchpoint(), row.occurredAt(),
                folder.fold(metric, row.answer()).orElseThrow(() -> new IllegalStateException(
                        "metric '" + type.id() + "' failed while folding an answer")))));
        return deltas;
    }

    private synchronized void finish(Job job, ZoneId zone) {
        if (job.cancelled || jobs.get(job.id()) != job) {
            return;
        }
        MetricType type = job.metric.extension();
        boolean ready = Blocking.inTransaction(database.dsl(), dsl -> states.ready(dsl, type.id(), type.counterNames(), zone));
        end(job, ready ? "done" : "failed");
        LOG.info("Rollup rebuild of metric '{}' {}: {} days, {} answers in {} s", type.id(), ready ? "done" : "ended, state changed",
                job.processed, job.answers, Duration.between(job.startedAt, job.finishedAt).toSeconds());
    }

    private synchronized void failed(Job job) {
        if (job.cancelled || jobs.get(job.id()) != job) {
            return;
        }
        end(job, "failed");
        try {
            Blocking.inTransaction(database.dsl(), dsl -> {
                states.stale(dsl, job.id());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not mark the rollups of metric '{}' stale", job.id(), e);
        }
    }

    private void end(Job job, String status) {
        job.finishedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        job.status = status;
    }

    /** Stops the rebuild under way, if any: its metric stays building, and is rebuilt again at the next start. */
    @Override
    public void close() {
        synchronized (this) {
            jobs.values().forEach(job -> job.cancelled = true);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("A rollup rebuild did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
