package org.opencem.core.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.SQLDialect;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group-commit writer: requests queue their events, a few dedicated threads each take everything queued
 * (up to {@link #MAX_GROUP_EVENTS}) and store it in one transaction, and each request is answered only after
 * that commit. Throughput comes from sharing one commit among many requests, never from delaying durability.
 *
 * <p>With several threads, a write goes to the thread its first event id hashes to, so resends of one id are
 * serialized. A group
 * whose transaction fails is retried one write per transaction, so a write that cannot be stored fails alone;
 * a write is tried {@link #ATTEMPTS} times (a concurrent writer may have stored the same id, or a resolution
 * may have kept losing races) before its request gets a 500.
 */
@Singleton
public final class EventWriter implements AutoCloseable {

    /** The most events one transaction stores. */
    static final int MAX_GROUP_EVENTS = 2_000;
    /** Events queued beyond this are refused with 503 and Retry-After, instead of piling up in memory. */
    static final int MAX_QUEUED_EVENTS = 100_000;
    private static final int ATTEMPTS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final Vertx vertx;
    private final Database database;
    private final IngestTransaction ingest;
    private final InteractionRepository interactions;
    private final Clock clock;
    private final List<BlockingQueue<PendingWrite>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final DistributionSummary groupSizes;
    private final Counter stored;
    private volatile boolean stopping;

    /** Events of one request, where to answer, and the promise to answer. */
    private record PendingWrite(List<EventRequest> events, Context context, Promise<List<EventOutcome>> promise) {
    }

    @Inject
    EventWriter(Vertx vertx, Database database, IngestTransaction ingest, InteractionRepository interactions, Clock clock,
                PrometheusMeterRegistry metrics) {
        this.vertx = vertx;
        this.database = database;
        this.ingest = ingest;
        this.interactions = interactions;
        this.clock = clock;
        this.groupSizes = DistributionSummary.builder("opencem_ingest_group_events")
                .description("Events stored per group-commit transaction").register(metrics);
        this.stored = Counter.builder("opencem_ingest_events").description("Events taken by the writer").register(metrics);
    }

    /**
     * Starts the writer threads: one on H2, whose commits are serial anyway (a second writer only added lock
     * waits and deadlocks between groups), two on PostgreSQL, which commits concurrent transactions in parallel.
     */
    public synchronized void start() {
        int count = database.dsl().dialect().family() == SQLDialect.H2 ? 1 : 2;
        for (int i = 0; i < count; i++) {
            BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
            Thread thread = new Thread(() -> drain(queue), "opencem-writer-" + i);
            thread.setDaemon(true);
            queues.add(queue);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * @param events validated events, at least one
     * @return each event's outcome in order, once committed; a 503 problem when the writer is saturated or stopping
     */
    public Future<List<EventOutcome>> write(List<EventRequest> events) {
        if (stopping || queues.isEmpty()) {
            return Future.failedFuture(ProblemException.of(503, "the server is stopping; send the events again later"));
        }
        if (queued.addAndGet(events.size()) > MAX_QUEUED_EVENTS) {
            queued.addAndGet(-events.size());
            return Future.failedFuture(ProblemException.of(503, "too many events waiting to be stored; retry shortly"));
        }
        Promise<List<EventOutcome>> promise = Promise.promise();
        int thread = Math.floorMod(events.get(0).id().hashCode(), queues.size());
        queues.get(thread).add(new PendingWrite(events, vertx.getOrCreateContext(), promise));
        return promise.future();
    }

    private void drain(BlockingQueue<PendingWrite> queue) {
        List<PendingWrite> group = new ArrayList<>();
        while (true) {
            PendingWrite first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            group.clear();
            group.add(first);
            int events = first.events().size();
            for (PendingWrite next = queue.peek(); next != null && events + next.events().size() <= MAX_GROUP_EVENTS;
                 next = queue.peek()) {
                group.add(queue.poll());
                events += next.events().size();
            }
            commit(group);
            queued.addAndGet(-events);
        }
    }

    private void commit(List<PendingWrite> group) {
        try {
            answer(group, store(group));
        } catch (RuntimeException groupFailure) {
            // A group of one has had its first attempt; in a larger group each write gets its own.
            int tried = group.size() == 1 ? 1 : 0;
            group.forEach(write -> storeAlone(write, tried, groupFailure));
        }
    }

    private void storeAlone(PendingWrite write, int tried, RuntimeException failure) {
        RuntimeException last = failure;
        for (int attempt = tried + 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (attempt > 1) {
                    // H2 refuses a key another transaction has inserted but not yet committed: give it time to.
                    Thread.sleep(10L * attempt);
                }
                answer(List.of(write), store(List.of(write)));
                return;
            } catch (RuntimeException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // The exception's message may quote stored values (personal data): log its kind only.
        String kind = describe(last);
        LOG.warn("Could not store {} events after {} attempts: {}", write.events().size(), ATTEMPTS, kind);
        write.context().runOnContext(v -> write.promise().fail(new IllegalStateException("events not stored: " + kind)));
    }

    private IngestTransaction.Result store(List<PendingWrite> group) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<List<EventRequest>> writes = group.stream().map(PendingWrite::events).toList();
        IngestTransaction.Result result = database.dsl().transactionResult(tx -> ingest.write(tx.dsl(), writes, now));
        interactions.touchpointsCommitted(result.touchpoints());
        return result;
    }

    private void answer(List<PendingWrite> group, IngestTransaction.Result result) {
        int events = 0;
        for (int i = 0; i < group.size(); i++) {
            PendingWrite write = group.get(i);
            List<EventOutcome> outcomes = result.outcomes().get(i);
            events += outcomes.size();
            write.context().runOnContext(v -> write.promise().complete(outcomes));
        }
        groupSizes.record(events);
        stored.increment(events);
    }

    private static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return failure.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** Stops taking writes, stores everything queued, and stops the threads. */
    @Override
    public synchronized void close() {
        stopping = true;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
