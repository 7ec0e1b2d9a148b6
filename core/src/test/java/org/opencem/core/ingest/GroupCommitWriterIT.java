package org.opencem.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.opencem.core.store.schema.Tables.SERVER_SECRET;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencem.core.config.ConfigLoader;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.Database;

/**
 * The group-commit writer on the H2 store (one writer thread), with kinds of write of the test's own that insert
 * rows: writes queued during a transaction share the next commit, kinds share it too, a full queue answers 503, and
 * a write that cannot be stored fails alone while the rest of its group is stored once.
 */
class GroupCommitWriterIT {

    private static final int MAX_QUEUED = 20;

    private Vertx vertx;
    private Database database;
    private PrometheusMeterRegistry metrics;
    private GroupCommitWriter writer;

    @BeforeEach
    void start(@TempDir Path dir) {
        vertx = Vertx.vertx();
        database = Database.open(new ConfigLoader().load(Optional.empty(), Map.of("OPENCEM_DATA_DIR", dir.toString())));
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        writer = new GroupCommitWriter(vertx, database, Clock.systemUTC(), metrics, 2_000, MAX_QUEUED);
        writer.start();
    }

    @AfterEach
    void stop() {
        writer.close();
        database.close();
        vertx.close().await();
    }

    /** Inserts one row per write; its first transaction waits until the test releases it. */
    private static final class Rows implements GroupCommitWriter.Kind<String, String> {

        final String name;
        final Set<String> unstorable;
        final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        final List<Configuration> transactions = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        Rows(String name, Set<String> unstorable) {
            this.name = name;
            this.unstorable = unstorable;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int size(String write) {
            return write.startsWith("big") ? 5 : 1;
        }

        @Override
        public String key(String write) {
            return write;
        }

        @Override
        public GroupCommitWriter.Stored<String> store(DSLContext tx, List<String> writes, Instant now) {
            groups.add(writes);
            transactions.add(tx.configuration());
            if (first.getAndSet(false)) {
                entered.countDown();
                await(released);
            }
            for (String write : writes) {
                if (unstorable.contains(write)) {
                    throw new IllegalArgumentException("cannot store " + write);
                }
                tx.insertInto(SERVER_SECRET).set(SERVER_SECRET.NAME, write).set(SERVER_SECRET.SECRET_VALUE, name)
                        .set(SERVER_SECRET.CREATED_AT, now).execute();
            }
            return GroupCommitWriter.Stored.of(writes.stream().map(w -> "stored " + w).toList());
        }

        void awaitFirstTransaction() {
            await(entered);
        }

        private static void await(CountDownLatch latch) {
            try {
                assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch reached").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static <T> T result(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private int rows(String kind) {
        return database.dsl().fetchCount(SERVER_SECRET, SERVER_SECRET.SECRET_VALUE.eq(kind));
    }

    @Test
    void writesQueuedDuringATransactionShareTheNextCommit() throws Exception {
        Rows rows = new Rows("tests", Set.of());
        Future<String> first = writer.write(rows, "w-0");
        rows.awaitFirstTransaction();
        List<Future<String>> waiting = IntStream.rangeClosed(1, 15).mapToObj(i -> writer.write(rows, "w-" + i)).toList();
        rows.released.countDown();

        assertThat(result(first)).isEqualTo("stored w-0");
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(result(waiting.get(i))).isEqualTo("stored w-" + (i + 1));
        }
        assertThat(rows.groups).extracting(List::size).containsExactly(1, 15);
        assertThat(rows("tests")).isEqualTo(16);
        assertThat(metrics.get("opencem_ingest_group_tests").summary().count()).isEqualTo(2);
        assertThat(metrics.get("opencem_ingest_tests").counter().count()).isEqualTo(16);
    }

    @Test
    void writesOfSeveralKindsInOneGroupShareItsTransaction() throws Exception {
        Rows events = new Rows("events", Set.of());
        Rows responses = new Rows("responses", Set.of());
        Future<String> blocking = writer.write(events, "e-0");
        events.awaitFirstTransaction();
        responses.released.countDown();
        Future<String> event = writer.write(events, "e-1");
        Future<String> response = writer.write(responses, "r-1");
        events.released.countDown();

        assertThat(result(blocking)).isEqualTo("stored e-0");
        assertThat(result(event)).isEqualTo("stored e-1");
        assertThat(result(response)).isEqualTo("stored r-1");
        assertThat(responses.transactions).hasSize(1);
        assertThat(events.transactions.get(1)).as("the second group's one transaction")
                .isSameAs(responses.transactions.get(0));
        assertThat(rows("events")).isEqualTo(2);
        assertThat(rows("responses")).isEqualTo(1);
    }

    @Test
    void itemsBeyondTheQueueLimitAreRefusedWith503UntilTheQueueDrains() throws Exception {
        Rows rows = new Rows("tests", Set.of());
        Future<String> first = writer.write(rows, "big-0");
        rows.awaitFirstTransaction();
        List<Future<String>> queued = IntStream.rangeClosed(1, 3).mapToObj(i -> writer.write(rows, "big-" + i)).toList();
        Future<String> refused = writer.write(rows, "one-too-many");

        assertThat(refused.failed()).isTrue();
        assertThat(refused.cause()).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(503);
            assertThat(p.getMessage()).isEqualTo("too many tests waiting to be stored; retry shortly");
        });
        rows.released.countDown();
        assertThat(result(first)).isEqualTo("stored big-0");
        for (Future<String> write : queued) {
            assertThat(result(write)).startsWith("stored big-");
        }
        assertThat(result(writer.write(rows, "after-drain"))).isEqualTo("stored after-drain");
        assertThat(rows("tests")).isEqualTo(5);
    }

    @Test
    void aWriteThatCannotBeStoredFailsAloneAndTheRestOfItsGroupIsStoredOnce() throws Exception {
        Rows rows = new Rows("tests", Set.of("poison"));
        Future<String> first = writer.write(rows, "w-0");
        rows.awaitFirstTransaction();
        Future<String> before = writer.write(rows, "w-1");
        Future<String> poison = writer.write(rows, "poison");
        Future<String> after = writer.write(rows, "w-2");
        rows.released.countDown();

        assertThat(result(first)).isEqualTo("stored w-0");
        assertThat(result(before)).isEqualTo("stored w-1");
        assertThat(result(after)).isEqualTo("stored w-2");
        assertThatThrownBy(() -> result(poison)).isInstanceOf(ExecutionException.class)
                .cause().hasMessage("tests not stored: IllegalArgumentException");
        assertThat(rows.groups.stream().filter(g -> g.contains("poison")))
                .as("tried in its group, then four times alone").hasSize(5);
        assertThat(rows("tests")).as("the failed group's writes were rolled back, then stored once each").isEqualTo(3);
    }

    @Test
    void aStoppedWriterRefusesWritesWith503() {
        writer.close();
        Future<String> refused = writer.write(new Rows("tests", Set.of()), "late");
        await().atMost(Duration.ofSeconds(5)).until(refused::isComplete);
        assertThat(refused.cause()).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.status()).isEqualTo(503));
    }
}
