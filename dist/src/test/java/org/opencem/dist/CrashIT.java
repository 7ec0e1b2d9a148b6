package org.opencem.dist;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of acknowledged events, against the built distribution: in each round the server is started with
 * {@code bin/opencem} on one data dir kept across rounds, loaded with events, killed with SIGKILL at a random
 * moment, started again (it recovers the database) and stopped cleanly; then the H2 file is opened with JDBC
 * and must hold every event the server ever acknowledged, exactly once, and nothing the loader never sent.
 *
 * <p>{@code -Dcrash.rounds=N} sets the number of rounds (default 5; {@code bench/crash.sh} runs more), and
 * {@code -Dcrash.seed=S} repeats the random choices of an earlier run (its seed is printed).
 */
class CrashIT {

    private static final int ROUNDS = Integer.getInteger("crash.rounds", 5);
    private static final long SEED = Long.getLong("crash.seed", new SecureRandom().nextLong());
    private static final int CLIENTS = 6;
    /** The kill comes this long after the load's first acknowledgement, at random. */
    private static final int KILL_AFTER_MIN_MS = 300;
    private static final int KILL_AFTER_MAX_MS = 2_000;

    /** The JVM's exit status after SIGKILL: 128 + 9. */
    private static final int KILLED = 137;
    /** A stop by SIGTERM is clean with either status: 0, or the JVM's 128 + 15 for a signal. */
    private static final Set<Integer> CLEAN_STOP = Set.of(0, 143);
    /** The first line of an entry of H2's trace file: its time, the connection and what happened. */
    private static final Pattern TRACE_ENTRY = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d [\\d:.]+Z? jdbc\\[\\d+\\]: exception");
    private static final String LOCK_CONFLICT = "org.h2.jdbc.JdbcSQLTransactionRollbackException: Deadlock detected";

    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();

    @TempDir Path work;
    private Path home;
    private Path data;
    private String token;
    private Process server;
    private int traceRead;
    private int lockConflicts;

    @AfterEach
    void stopServer() throws InterruptedException {
        killer.shutdownNow();
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, SECONDS);
        }
    }

    @Test
    void everyAcknowledgedEventSurvivesKillNineExactlyOnce() throws Exception {
        System.out.printf("CrashIT: %d rounds, seed %d (-Dcrash.seed=%d repeats them)%n", ROUNDS, SEED, SEED);
        home = Launcher.unpack(work);
        data = Files.createDirectories(work.resolve("data"));
        token = Launcher.randomToken(40);
        Random random = new Random(SEED);
        Map<String, String> sent = new HashMap<>();
        Set<String> acknowledged = new HashSet<>();

        for (int round = 1; round <= ROUNDS; round++) {
            Path loadLog = work.resolve("round-" + round + "-killed.log");
            URI base = start(loadLog);
            List<String> unanswered = sent.keySet().stream()
                    .filter(id -> !acknowledged.contains(id)).sorted().map(sent::get).toList();
            EventLoader loader = new EventLoader(base, token, "r" + round, CLIENTS, random.nextLong(), unanswered);
            int killAfter = KILL_AFTER_MIN_MS + random.nextInt(KILL_AFTER_MAX_MS - KILL_AFTER_MIN_MS);
            long pid = javaPid();

            loader.start();
            // The moment is counted from the first acknowledgement: a fresh JVM may take longer than the
            // shortest delay to answer its first event, and a kill before any answer would test nothing.
            awaitFirstAcknowledgement(round, loader, pid, loadLog);
            killer.schedule(() -> kill9(pid), killAfter, MILLISECONDS).get();
            assertThat(server.waitFor(10, SECONDS)).as("round %d: the killed server is gone", round).isTrue();
            assertThat(server.exitValue()).as("round %d: exit status of the killed JVM", round).isEqualTo(KILLED);
            EventLoader.Result load = loader.stop();

            assertThat(load.unexpected()).as("round %d: answers to valid events other than 2xx and 503", round)
                    .isEmpty();
            assertThat(load.lost()).as("round %d: requests without an answer (in flight at the kill)", round)
                    .isLessThanOrEqualTo(CLIENTS);
            assertNoErrors(loadLog, round);
            sent.putAll(load.sent());
            acknowledged.addAll(load.acknowledged());

            Path restartLog = work.resolve("round-" + round + "-restart.log");
            start(restartLog);
            stopCleanly(round);
            assertNoErrors(restartLog, round);
            assertThat(Files.readString(restartLog)).as("round %d: the restart after the kill", round)
                    .contains("OpenCEM ready on http://");

            int stored = assertStoredExactlyOnce(round, acknowledged, sent.keySet());
            System.out.printf("CrashIT round %d: killed %d ms after the first answer, %d requests, %d in flight at the kill;"
                            + " %d events acknowledged in all, %d stored; %d deadlocks between writers so far%s%n",
                    round, killAfter, load.requests(), load.lost(), acknowledged.size(), stored, lockConflicts,
                    load.refused() == 0 ? "" : "; " + load.refused() + " connections refused: " + load.failures());
        }
    }

    /** Waits for the load's first acknowledgement; a failure shows the clients' state and the server's threads. */
    private void awaitFirstAcknowledgement(int round, EventLoader loader, long pid, Path log) throws Exception {
        try {
            await("round " + round + ": a first event acknowledged").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> loader.acknowledgedCount() > 0);
        } catch (ConditionTimeoutException e) {
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError(e.getMessage() + "\nclients: " + loader.progress() + "\n--- server output ---\n"
                    + Files.readString(log) + "\n--- server threads ---\n" + threads, e);
        }
    }

    /** Checks the H2 file of the stopped server. @return the number of stored events */
    private int assertStoredExactlyOnce(int round, Set<String> acknowledged, Set<String> sent)
            throws SQLException, IOException {
        assertThat(newDatabaseErrors()).as("round %d: errors H2 wrote to its trace file", round).isEmpty();
        String url = "jdbc:h2:file:" + data.resolve("opencem") + ";DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE";
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
            List<String> twice = strings(sql,
                    "SELECT event_id FROM interaction GROUP BY event_id HAVING COUNT(*) > 1");
            assertThat(twice).as("round %d: event ids stored more than once", round).isEmpty();

            Set<String> stored = new HashSet<>(strings(sql, "SELECT event_id FROM interaction"));
            Set<String> missing = acknowledged.stream().filter(id -> !stored.contains(id))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(missing).as("round %d: acknowledged events missing from the store", round).isEmpty();
            Set<String> neverSent = stored.stream().filter(id -> !sent.contains(id)).collect(Collectors.toSet());
            assertThat(neverSent).as("round %d: stored events the loader never sent", round).isEmpty();

            assertThat(strings(sql, "SELECT i.event_id FROM interaction i LEFT JOIN customer c"
                    + " ON c.id = i.customer_id WHERE c.id IS NULL"))
                    .as("round %d: interactions whose customer does not exist", round).isEmpty();
            assertThat(strings(sql, "SELECT CAST(ci.id AS VARCHAR) FROM customer_identity ci LEFT JOIN customer c"
                    + " ON c.id = ci.customer_id WHERE c.id IS NULL"))
                    .as("round %d: identities whose customer does not exist", round).isEmpty();
            return stored.size();
        }
    }

    /**
     * The exceptions H2 traced (in {@code opencem.trace.db}, next to the database) since the last call, but for
     * lock conflicts between the two writer threads: the writer retries those, and the events' answers wait.
     */
    private List<String> newDatabaseErrors() throws IOException {
        Path trace = data.resolve("opencem.trace.db");
        if (!Files.exists(trace)) {
            return List.of();
        }
        String text = Files.readString(trace);
        List<String> errors = new ArrayList<>();
        String[] lines = text.substring(Math.min(traceRead, text.length())).split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (TRACE_ENTRY.matcher(lines[i]).find()) {
                if (lines[i + 1].startsWith(LOCK_CONFLICT)) {
                    lockConflicts++;
                } else {
                    errors.add(lines[i] + "\n" + lines[i + 1]);
                }
            }
        }
        traceRead = text.length();
        return errors;
    }

    private static List<String> strings(Statement sql, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Starts bin/opencem on the shared data dir and a free port. @return its address, once ready */
    private URI start(Path log) throws IOException {
        int port = Launcher.freePort();
        server = Launcher.startReady(Launcher.opencem(home, work, log, port, data, token), port, log);
        return URI.create("http://127.0.0.1:" + port);
    }

    /** @return the server's process id, which is the JVM's: bin/opencem replaces itself with java (exec) */
    private long javaPid() {
        String command = server.info().command().orElse("");
        assertThat(command).as("the process bin/opencem started is the JVM").endsWith("/java");
        return server.pid();
    }

    private static void kill9(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -9 %d", pid).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stopCleanly(int round) throws InterruptedException {
        server.destroy(); // SIGTERM
        assertThat(server.waitFor(30, SECONDS)).as("round %d: stopped within 30 s of SIGTERM", round).isTrue();
        assertThat(server.exitValue()).as("round %d: exit status after SIGTERM", round).isIn(CLEAN_STOP);
    }

    private static void assertNoErrors(Path log, int round) throws IOException {
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.stream().filter(line -> Launcher.ERROR_LINE.matcher(line).find()).toList())
                .as("round %d: ERROR lines and stack traces in %s:\n%s", round, log.getFileName(), String.join("\n", lines))
                .isEmpty();
    }
}
