package org.opencem.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The store's limit for the same rows: plain JDBC batch inserts into the {@code interaction} table of a fresh H2
 * file database, with the server's URL options and schema (the server's own Flyway migrations, read from the
 * core jar on the class path), {@value #BATCH} rows and one commit per batch, from one thread. No HTTP, no
 * parsing, no idempotency check, no customer resolution: what is left is the cost of the rows and their indexes.
 */
final class RawJdbcInsert {

    /** Rows per JDBC batch and per commit. */
    static final int BATCH = 1_000;

    /** The options of the server's H2 URL ({@code org.opencem.core.store.Database.h2Url}). */
    private static final String URL_OPTIONS = ";DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;DEFAULT_NULL_ORDERING=HIGH";
    private static final String INSERT_CUSTOMER =
            "INSERT INTO customer (id, attributes, first_seen, last_seen, created_at) VALUES (?, '{}', ?, ?, ?)";
    private static final String INSERT_INTERACTION = "INSERT INTO interaction (event_id, body_hash, customer_id,"
            + " event_type, channel, touchpoint_key, occurred_at, amount, currency, properties, recorded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * @param rows rows inserted in the timed part
     * @param seconds its duration
     */
    record Result(long rows, double seconds) {

        /** @return rows per second */
        double perSecond() {
            return rows / seconds;
        }
    }

    private final EventCorpus corpus;

    /** @param corpus the events whose rows are inserted */
    RawJdbcInsert(EventCorpus corpus) {
        this.corpus = corpus;
    }

    /**
     * Creates the database in {@code dir} and its customers, inserts {@code warmupRows} interactions (untimed, so
     * the JIT and the table are warm), then {@code rows} more, timed.
     */
    Result run(Path dir, long warmupRows, long rows) throws SQLException {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("raw") + URL_OPTIONS;
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/{vendor}")
                .failOnMissingLocations(false)
                .load()
                .migrate();
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            db.setAutoCommit(false);
            UUID[] owners = createCustomers(db, warmupRows + rows);
            insert(db, owners, 0, warmupRows);
            long start = System.nanoTime();
            insert(db, owners, warmupRows, rows);
            return new Result(rows, (System.nanoTime() - start) / 1e9);
        }
    }

    /** @return the customer of each interaction row: the pool's for known customers, a new one for the others */
    private UUID[] createCustomers(Connection db, long rows) throws SQLException {
        UUID[] known = new UUID[corpus.knownCustomers()];
        UUID[] owners = new UUID[Math.toIntExact(rows)];
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = db.prepareStatement(INSERT_CUSTOMER)) {
            int batched = 0;
            for (int i = 0; i < known.length + owners.length; i++) {
                UUID id = UUID.randomUUID();
                if (i < known.length) {
                    known[i] = id;
                } else {
                    int customer = corpus.customerOf(i - known.length);
                    if (customer != EventCorpus.NEW_CUSTOMER) {
                        owners[i - known.length] = known[customer];
                        continue;
                    }
                    owners[i - known.length] = id;
                }
                insert.setObject(1, id);
                insert.setObject(2, now);
                insert.setObject(3, now);
                insert.setObject(4, now);
                insert.addBatch();
                if (++batched % BATCH == 0) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
            db.commit();
        }
        return owners;
    }

    private void insert(Connection db, UUID[] owners, long from, long count) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(INSERT_INTERACTION)) {
            OffsetDateTime recordedAt = OffsetDateTime.now(ZoneOffset.UTC); // one per transaction, like the server's
            for (long n = from; n < from + count; n++) {
                EventCorpus.Variant event = corpus.variant(n);
                insert.setString(1, corpus.id("raw", n));
                insert.setString(2, event.bodyHash());
                insert.setObject(3, owners[(int) n]);
                insert.setString(4, event.type());
                insert.setString(5, event.channel());
                insert.setString(6, event.touchpoint());
                insert.setObject(7, event.occurredAt().atOffset(ZoneOffset.UTC));
                if (event.amount() == null) {
                    insert.setNull(8, Types.DECIMAL);
                    insert.setNull(9, Types.CHAR);
                } else {
                    insert.setBigDecimal(8, event.amount());
                    insert.setString(9, event.currency());
                }
                insert.setString(10, event.properties());
                insert.setObject(11, recordedAt);
                insert.addBatch();
                if ((n - from + 1) % BATCH == 0) {
                    insert.executeBatch();
                    db.commit();
                    recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
                }
            }
            insert.executeBatch();
            db.commit();
        }
    }
}
