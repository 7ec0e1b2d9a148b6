package org.opencem.core.store;

import org.opencem.core.store.TestDatabases.Backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.opencem.core.store.schema.Tables.AUDIT_LOG;
import static org.opencem.core.store.schema.Tables.CHANNEL_INSTANCE;
import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.CUSTOMER_IDENTITY;
import static org.opencem.core.store.schema.Tables.PLUGIN_STATE;
import static org.opencem.core.store.schema.Tables.SERVER_SECRET;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.store.schema.DefaultSchema;

/**
 * The store on both databases it supports: an H2 file in a temp dir and a real PostgreSQL (embedded, one
 * server per class, one fresh database per test). PostgreSQL is reached as a non-superuser that owns its
 * database and must give its password, as in production.
 */
class StoreIT extends BothDatabases {

    private static Set<String> tablesInCurrentSchema(DSLContext dsl) {
        return dsl.fetch("select table_name from information_schema.tables"
                        + " where table_schema = current_schema and table_type = 'BASE TABLE'")
                .getValues(0, String.class).stream()
                .map(String::toLowerCase)
                .collect(Collectors.toSet());
    }

    private static int appliedMigrations(DSLContext dsl) {
        return dsl.fetchSingle("select count(*) from flyway_schema_history where success = true").get(0, Integer.class);
    }

    private static UUID insertCustomer(DSLContext dsl, String attributes, Instant at) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(CUSTOMER)
                .set(CUSTOMER.ID, id)
                .set(CUSTOMER.ATTRIBUTES, attributes)
                .set(CUSTOMER.FIRST_SEEN, at)
                .set(CUSTOMER.LAST_SEEN, at)
                .set(CUSTOMER.CREATED_AT, at)
                .execute();
        return id;
    }

    private static int insertIdentity(DSLContext dsl, UUID customer, String type, String value) {
        return dsl.insertInto(CUSTOMER_IDENTITY)
                .set(CUSTOMER_IDENTITY.ID_TYPE, type)
                .set(CUSTOMER_IDENTITY.ID_VALUE, value)
                .set(CUSTOMER_IDENTITY.CUSTOMER_ID, customer)
                .set(CUSTOMER_IDENTITY.CREATED_AT, Instant.parse("2025-01-01T00:00:00Z"))
                .execute();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void openMigratesAnEmptyDatabase(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            Set<String> expected = DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                    .map(Table::getName)
                    .collect(Collectors.toSet());
            expected.add("flyway_schema_history");

            assertThat(expected).contains("customer", "customer_identity", "plugin_state", "audit_log", "server_secret");
            assertThat(tablesInCurrentSchema(database.dsl())).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(appliedMigrations(database.dsl())).isPositive();
            assertThat(database.description()).doesNotContain(TestDatabases.PG_PASSWORD, ";");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void reopeningIsANoOpThatKeepsTheData(Backend backend, @TempDir Path dir) {
        ServerConfig config = backend.config(dir);
        int migrations;
        UUID customer;
        try (Database database = Database.open(config)) {
            migrations = database.dsl().fetchCount(DSL.table("flyway_schema_history"));
            customer = insertCustomer(database.dsl(), "{}", Instant.parse("2025-02-03T04:05:06Z"));
        }

        try (Database reopened = Database.open(config)) {
            assertThat(reopened.dsl().fetchCount(DSL.table("flyway_schema_history")))
                    .isEqualTo(migrations);
            assertThat(reopened.dsl().fetchExists(CUSTOMER, CUSTOMER.ID.eq(customer))).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void customerAndIdentityRoundTrip(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            UUID customer = insertCustomer(dsl, "{\"plan\":\"gold\"}", Instant.parse("2025-03-01T10:00:00Z"));
            insertIdentity(dsl, customer, "email", "ana@example.com");
            insertIdentity(dsl, customer, "phone", "+33612345678");

            Record row = dsl.select(CUSTOMER.ID, CUSTOMER.ATTRIBUTES, CUSTOMER.MERGED_INTO)
                    .from(CUSTOMER_IDENTITY)
                    .join(CUSTOMER).on(CUSTOMER.ID.eq(CUSTOMER_IDENTITY.CUSTOMER_ID))
                    .where(CUSTOMER_IDENTITY.ID_TYPE.eq("email"), CUSTOMER_IDENTITY.ID_VALUE.eq("ana@example.com"))
                    .fetchSingle();

            assertThat(row.get(CUSTOMER.ID)).isEqualTo(customer);
            assertThat(row.get(CUSTOMER.ATTRIBUTES)).isEqualTo("{\"plan\":\"gold\"}");
            assertThat(row.get(CUSTOMER.MERGED_INTO)).isNull();
            assertThat(dsl.fetchCount(CUSTOMER_IDENTITY, CUSTOMER_IDENTITY.CUSTOMER_ID.eq(customer))).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void duplicateIdentityIsRefused(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            Instant now = Instant.parse("2025-03-01T10:00:00Z");
            UUID first = insertCustomer(dsl, "{}", now);
            UUID second = insertCustomer(dsl, "{}", now);
            insertIdentity(dsl, first, "email", "ana@example.com");

            assertThatThrownBy(() -> insertIdentity(dsl, second, "email", "ana@example.com"))
                    .isInstanceOf(IntegrityConstraintViolationException.class)
                    .hasMessageContaining("customer_identity_uk");
            insertIdentity(dsl, second, "crm", "ana@example.com");

            assertThat(dsl.select(CUSTOMER_IDENTITY.ID_TYPE, CUSTOMER_IDENTITY.CUSTOMER_ID)
                    .from(CUSTOMER_IDENTITY)
                    .where(CUSTOMER_IDENTITY.ID_VALUE.eq("ana@example.com"))
                    .orderBy(CUSTOMER_IDENTITY.ID_TYPE)
                    .fetch(r -> r.value1() + "=" + r.value2()))
                    .containsExactly("crm=" + second, "email=" + first);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void identityOfUnknownCustomerIsRefused(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            assertThatThrownBy(() -> insertIdentity(database.dsl(), UUID.randomUUID(), "email", "x@example.com"))
                    .isInstanceOf(IntegrityConstraintViolationException.class)
                    .hasMessageContaining("customer_identity_customer_fk");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void pluginStateUpsertInsertsThenUpdates(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            Instant first = Instant.parse("2025-04-01T08:00:00Z");
            Instant second = Instant.parse("2025-04-02T09:30:00Z");

            upsertPluginState(dsl, "metric-nps", false, first);
            upsertPluginState(dsl, "channel-email", false, first);
            upsertPluginState(dsl, "metric-nps", true, second);

            assertThat(dsl.selectFrom(PLUGIN_STATE).orderBy(PLUGIN_STATE.PLUGIN_ID)
                    .fetch(r -> r.getPluginId() + " " + r.getEnabled() + " " + r.getUpdatedAt()))
                    .containsExactly("channel-email false " + first, "metric-nps true " + second);
        }
    }

    /** The statement {@code PluginStateRepository.setEnabled} runs. */
    private static void upsertPluginState(DSLContext dsl, String pluginId, boolean enabled, Instant at) {
        dsl.insertInto(PLUGIN_STATE)
                .set(PLUGIN_STATE.PLUGIN_ID, pluginId)
                .set(PLUGIN_STATE.ENABLED, enabled)
                .set(PLUGIN_STATE.UPDATED_AT, at)
                .onConflict(PLUGIN_STATE.PLUGIN_ID)
                .doUpdate()
                .set(PLUGIN_STATE.ENABLED, enabled)
                .set(PLUGIN_STATE.UPDATED_AT, at)
                .execute();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void insertOnConflictDoNothingKeepsTheFirstValue(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            for (String value : List.of("first", "second")) {
                dsl.insertInto(SERVER_SECRET)
                        .set(SERVER_SECRET.NAME, "key")
                        .set(SERVER_SECRET.SECRET_VALUE, value)
                        .set(SERVER_SECRET.CREATED_AT, Instant.parse("2025-01-01T00:00:00Z"))
                        .onConflictDoNothing()
                        .execute();
            }

            assertThat(dsl.select(SERVER_SECRET.SECRET_VALUE).from(SERVER_SECRET).fetch(SERVER_SECRET.SECRET_VALUE))
                    .containsExactly("first");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void timestampWithTimeZoneRoundTripsAsInstant(Backend backend, @TempDir Path dir) {
        List<Instant> instants = List.of(
                Instant.parse("2025-03-30T01:30:00.123456Z"),
                Instant.parse("2025-10-26T00:59:59.999999Z"),
                Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("2099-12-31T23:59:59Z"));
        TimeZone jvmZone = TimeZone.getDefault();
        // A server in a zone with daylight saving time must store the same instants as one in UTC.
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            for (int i = 0; i < instants.size(); i++) {
                dsl.insertInto(AUDIT_LOG)
                        .set(AUDIT_LOG.OCCURRED_AT, instants.get(i))
                        .set(AUDIT_LOG.ACTOR, "test")
                        .set(AUDIT_LOG.ACTION, "tick")
                        .set(AUDIT_LOG.TARGET, Integer.toString(i))
                        .set(AUDIT_LOG.DETAIL, "{}")
                        .execute();
            }

            assertThat(dsl.select(AUDIT_LOG.OCCURRED_AT).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID)
                    .fetch(AUDIT_LOG.OCCURRED_AT))
                    .containsExactlyElementsOf(instants);
            assertThat(dsl.select(AUDIT_LOG.TARGET).from(AUDIT_LOG)
                    .where(AUDIT_LOG.OCCURRED_AT.between(Instant.parse("2025-03-30T01:30:00.123456Z"),
                            Instant.parse("2025-10-26T00:59:59.999999Z")))
                    .orderBy(AUDIT_LOG.OCCURRED_AT)
                    .fetch(AUDIT_LOG.TARGET))
                    .containsExactly("0", "1");
            assertThat(dsl.fetchSingle("select count(*) from audit_log"
                    + " where occurred_at = timestamp with time zone '2025-03-30 01:30:00.123456+00:00'")
                    .get(0, Integer.class))
                    .isEqualTo(1);
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void jsonTextRoundTripsInTextColumns(Backend backend, @TempDir Path dir) {
        String json = "{\"name\":\"Zoë \\\"Z\\\" O'Brien\",\"tags\":[\"vip\",\"日本\"],\"emoji\":\"😀\",\"note\":\""
                + "x".repeat(200_000) + "\"}";
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            UUID customer = insertCustomer(dsl, json, Instant.parse("2025-05-05T05:05:05Z"));
            UUID channel = UUID.randomUUID();
            dsl.insertInto(CHANNEL_INSTANCE)
                    .set(CHANNEL_INSTANCE.ID, channel)
                    .set(CHANNEL_INSTANCE.CHANNEL_TYPE, "email")
                    .set(CHANNEL_INSTANCE.NAME, "Main")
                    .set(CHANNEL_INSTANCE.CONFIG, "{\"port\":587,\"tls\":true,\"to\":[\"a\",\"b\"]}")
                    .set(CHANNEL_INSTANCE.ENABLED, true)
                    .set(CHANNEL_INSTANCE.CREATED_AT, Instant.parse("2025-05-05T05:05:05Z"))
                    .set(CHANNEL_INSTANCE.UPDATED_AT, Instant.parse("2025-05-05T05:05:05Z"))
                    .execute();

            assertThat(dsl.fetchValue(CUSTOMER.ATTRIBUTES, CUSTOMER.ID.eq(customer))).isEqualTo(json);
            assertThat(dsl.fetchValue(CHANNEL_INSTANCE.CONFIG, CHANNEL_INSTANCE.ID.eq(channel)))
                    .isEqualTo("{\"port\":587,\"tls\":true,\"to\":[\"a\",\"b\"]}");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void auditLogIdentityNumbersRowsInOrder(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            List<Long> ids = Stream.of("create", "update", "delete")
                    .map(action -> dsl.insertInto(AUDIT_LOG)
                            .set(AUDIT_LOG.OCCURRED_AT, Instant.parse("2025-06-01T00:00:00Z"))
                            .set(AUDIT_LOG.ACTOR, "admin@example.com")
                            .set(AUDIT_LOG.ACTION, action)
                            .set(AUDIT_LOG.TARGET, "channel")
                            .set(AUDIT_LOG.DETAIL, "{}")
                            .returningResult(AUDIT_LOG.ID)
                            .fetchSingle(AUDIT_LOG.ID))
                    .toList();

            assertThat(ids).doesNotContainNull().isSorted().doesNotHaveDuplicates();
            assertThat(dsl.select(AUDIT_LOG.ID, AUDIT_LOG.ACTION).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID)
                    .fetch(r -> r.value1() + ":" + r.value2()))
                    .containsExactly(ids.get(0) + ":create", ids.get(1) + ":update", ids.get(2) + ":delete");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void closingTheDatabaseClosesThePool(Backend backend, @TempDir Path dir) throws SQLException {
        Database database = backend.open(dir);
        HikariDataSource pool = (HikariDataSource) database.dataSource();
        assertThat(pool.isRunning()).isTrue();
        String databaseName = backend.postgres() ? database.dsl().fetchSingle("select current_database()").get(0, String.class)
                : "";
        if (backend.postgres()) {
            assertThat(serverConnections(databaseName)).isPositive();
        }

        database.close();

        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
        if (backend.postgres()) {
            await("PostgreSQL backends of the closed pool to end").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(serverConnections(databaseName)).isZero());
        }
    }

    private static int serverConnections(String database) throws SQLException {
        try (Connection admin = TestDatabases.superuser();
             var statement = admin.prepareStatement("select count(*) from pg_stat_activity where datname = ?")) {
            statement.setString(1, database);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    @Test
    void postgresChecksTheDatabasePassword(@TempDir Path dir) {
        String url = TestDatabases.freshPostgresDatabase(dir).get("OPENCEM_DB_URL");

        assertThatThrownBy(() -> DriverManager.getConnection(url, TestDatabases.PG_USER, "wrong").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }
}
