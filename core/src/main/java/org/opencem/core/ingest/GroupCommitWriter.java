package org.opencem.core.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group-commit writer of everything ingested (events, survey responses): requests queue their writes, a few
 * dedicated threads each take everything queued (up to {@link #MAX_GROUP_ITEMS} items) and store it in one
 * transaction, and each request is answered only after that commit. Throughput comes from sharing one commit among
 * many requests, never from delaying durability.
 *
 * <p>A group may hold writes of several {@link Kind}s: each kind stores its writes of the group in the group's
 * transaction, kinds in the order they first appear in the group. A write goes to the thread its
 * {@link Kind#key key} hashes to, so resends of one id are serialized. A group whose transaction fails is retried
 * one write per transaction, so a write that cannot be stored fails alone; a write is tried {@link #ATTEMPTS}
 * times (a concurrent writer may have stored the same id, or a resolution may have kept losing races) before its
 * request gets a 500.
 */
@Singleton
public final class GroupCommitWriter implements AutoCloseable {

    /** The most items one transaction stores. */
    static final int MAX_GROUP_ITEMS = 2_000;
    /** Items queued beyond this are refused with 503 and Retry-After, instead of piling up in memory. */
    static final int MAX_QUEUED_ITEMS = 100_000;
    private static final int ATTEMPTS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /**
     * One kind of write the writer stores. Implementations are singletons; {@link #store} runs on the writer's
     * threads only.
     *
     * @param <W> one request's write
     * @param <R> what the request is answered
     */
    public interface Kind<W, R> {

        /** @return what the items are called, plural and lower case ({@code events}): in answers, logs and metrics */
        String name();

        /** @param write a write @return how many items it holds (the events of a batch), at least one */
        int size(W write);

        /** @param write a write @return its idempotency key: writes of one key are stored by one thread, in order */
        String key(W write);

        /**
         * Stores writes inside the group's transaction. Throwing rolls the whole group back; its writes are then
         * tried again one per transaction.
         *
         * @param tx the group's transaction
         * @param writes this kind's writes of the group, in queue order
         * @param now the time of the write, to the microsecond
         * @return one result per write, in order, and what to do once committed
         */
        Stored<R> store(DSLContext tx, List<W> writes, Instant now);
    }

    /**
     * What a kind stored in a group's transaction.
     *
     * @param results one per write, in order
     * @param committed run once the transaction committed, before the requests are answered (a rolled-back
     *        transaction never runs it)
     * @param <R> the result type
     */
    public record Stored<R>(List<R> results, Runnable committed) {

        /** Copies the results. */
        public Stored {
            results = List.copyOf(results);
        }

        /** @param results one per write @param <R> the result type @return them, with nothing to run after commit */
        public static <R> Stored<R> of(List<R> results) {
            return new Stored<>(results, () -> { });
        }
    }

    private final Vertx vertx;
    private final Database database;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics;
    private final int maxGroupItems;
    private final int maxQueuedItems;
    private final List<BlockingQueue<Pending<?, ?>>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, KindMetrics> kindMetrics = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Inject
    GroupCommitWriter(Vertx vertx, Database database, Clock clock, PrometheusMeterRegistry metrics) {
        this(vertx, database, clock, metrics, MAX_GROUP_ITEMS, MAX_QUEUED_ITEMS);
    }

    GroupCommitWriter(Vertx vertx, Database database, Clock clock, PrometheusMeterRegistry metrics, int maxGroupItems,
                      int maxQueuedItems) {
        this.vertx = vertx;
        this.database = database;
        this.clock = clock;
        this.metrics = metrics;
        this.maxGroupItems = maxGroupItems;
        this.maxQueuedItems = maxQueuedItems;
    }

    /**
     * Starts the writer threads: one on H2, whose commits are serial anyway (a second writer only added lock
     * waits and deadlocks between groups), two on PostgreSQL, which commits concurrent transactions in parallel.
     */
    public synchronized void start() {
        int count = database.dsl().dialect().family() == SQLDialect.H2 ? 1 : 2;
        for (int i = 0; i < count; i++) {
            BlockingQueue<Pending<?, ?>> queue = new LinkedBlockingQueue<>();
            Thread thread = new Thread(() -> drain(queue), "opencem-writer-" + i);
            thread.setDaemon(true);
            queues.add(queue);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * @param kind what the write is
     * @param write a validated write
     * @param <W> the write type
     * @param <R> the result type
     * @return its result, once committed; a 503 problem when the writer is saturated or stopping
     */
    public <W, R> Future<R> write(Kind<W, R> kind, W write) {
        if (stopping || queues.isEmpty()) {
            return Future.failedFuture(ProblemException.of(503, "the server is stopping; send the " + kind.name()
                    + " again later"));
        }
        int size = kind.size(write);
        if (queued.addAndGet(size) > maxQueuedItems) {
            queued.addAndGet(-size);
            return Future.failedFuture(ProblemException.of(503, "too many " + kind.name()
                    + " waiting to be stored; retry shortly"));
        }
        Promise<R> promise = Promise.promise();
        int thread = Math.floorMod(kind.key(write).hashCode(), queues.size());
        queues.get(thread).add(new Pending<>(kind, write, size, vertx.getOrCreateContext(), promise));
        return promise.future();
    }

    /**
     * Answers a request whose write failed; the writer's 503 (saturated or stopping) tells the client when to send
     * it again.
     *
     * @param ctx the request
     * @param failure why its write failed
     */
    public static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ProblemException problem && problem.status() == 503) {
            ctx.response().putHeader("Retry-After", "1");
        }
        ctx.fail(failure);
    }

    private void drain(BlockingQueue<Pending<?, ?>> queue) {
        List<Pending<?, ?>> group = new ArrayList<>();
        while (true) {
            Pending<?, ?> first;
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
            int items = first.size;
            for (Pending<?, ?> next = queue.peek(); next != null && items + next.size <= maxGroupItems; next = queue.peek()) {
                group.add(queue.poll());
                items += next.size;
            }
            commit(group);
            queued.addAndGet(-items);
        }
    }

    private void commit(List<Pending<?, ?>> group) {
        try {
            store(group);
        } catch (RuntimeException groupFailure) {
            // A group of one has had its first attempt; in a larger group each write gets its own.
            int tried = group.size() == 1 ? 1 : 0;
            group.forEach(write -> storeAlone(write, tried, groupFailure));
        }
    }

    private void storeAlone(Pending<?, ?> write, int tried, RuntimeException failure) {
        RuntimeException last = failure;
        for (int attempt = tried + 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (attempt > 1) {
                    // H2 refuses a key another transaction has inserted but not yet committed: give it time to.
                    Thread.sleep(10L * attempt);
                }
                store(List.of(write));
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
        LOG.warn("Could not store {} {} after {} attempts: {}", write.size, write.kind.name(), ATTEMPTS, kind);
        write.fail(new IllegalStateException(write.kind.name() + " not stored: " + kind));
    }

    /** Stores the group in one transaction, counts it, then answers its writes. */
    private void store(List<Pending<?, ?>> group) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<Kind<?, ?>, Batch<?, ?>> batches = new LinkedHashMap<>();
        group.forEach(write -> batches.computeIfAbsent(write.kind, Batch::new).add(write));
        List<Runnable> answers = database.dsl().transactionResult(tx -> {
            List<Runnable> stored = new ArrayList<>(batches.size());
            for (Batch<?, ?> batch : batches.values()) {
                stored.add(batch.store(tx.dsl(), now));
            }
            return stored;
        });
        for (Batch<?, ?> batch : batches.values()) {
            KindMetrics counted = kindMetrics.computeIfAbsent(batch.kind.name(), this::register);
            counted.groupSizes().record(batch.items);
            counted.stored().increment(batch.items);
        }
        answers.forEach(Runnable::run);
    }

    private KindMetrics register(String name) {
        return new KindMetrics(DistributionSummary.builder("opencem_ingest_group_" + name)
                .description(capitalized(name) + " stored per group-commit transaction").register(metrics),
                Counter.builder("opencem_ingest_" + name).description(capitalized(name) + " taken by the writer")
                        .register(metrics));
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
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

    /** The metrics of one kind: items per transaction, items stored. */
    private record KindMetrics(DistributionSummary groupSizes, Counter stored) {
    }

    /** One request's write, where to answer, and the promise to answer. */
    private static final class Pending<W, R> {

        private final Kind<W, R> kind;
        private final W write;
        private final int size;
        private final Context context;
        private final Promise<R> promise;

        Pending(Kind<W, R> kind, W write, int size, Context context, Promise<R> promise) {
            this.kind = kind;
            this.write = write;
            this.size = size;
            this.context = context;
            this.promise = promise;
        }

        void complete(R result) {
            context.runOnContext(v -> promise.complete(result));
        }

        void fail(Throwable failure) {
            context.runOnContext(v -> promise.fail(failure));
        }
    }

    /** The writes of one kind in a group. */
    private static final class Batch<W, R> {

        private final Kind<W, R> kind;
        private final List<Pending<W, R>> writes = new ArrayList<>();
        private int items;

        @SuppressWarnings("unchecked")
        Batch(Kind<?, ?> kind) {
            this.kind = (Kind<W, R>) kind;
        }

        /** @param write a write of this batch's kind (the map it is found in is keyed by kind) */
        @SuppressWarnings("unchecked")
        void add(Pending<?, ?> write) {
            writes.add((Pending<W, R>) write);
            items += write.size;
        }

        /** @return what answers the writes once the transaction committed */
        Runnable store(DSLContext tx, Instant now) {
            Stored<R> stored = kind.store(tx, writes.stream().map(p -> p.write).toList(), now);
            if (stored.results().size() != writes.size()) {
                throw new IllegalStateException(kind.name() + ": " + stored.results().size() + " results for "
                        + writes.size() + " writes");
            }
            return () -> {
                stored.committed().run();
                for (int i = 0; i < writes.size(); i++) {
                    writes.get(i).complete(stored.results().get(i));
                }
            };
        }
    }
}
