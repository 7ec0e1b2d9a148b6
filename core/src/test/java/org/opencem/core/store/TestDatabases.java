package org.opencem.core.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.opencem.core.config.ConfigLoader;
import org.opencem.core.config.ServerConfig;

/**
 * The two stores every store suite runs on: the H2 file database in a temp dir, and a real PostgreSQL
 * (zonky embedded, one server per test class, a fresh database per test) reached as a non-superuser
 * role that owns its database and must give its password, as in production.
 */
public final class TestDatabases {

    /** The role tests connect to PostgreSQL as. */
    public static final String PG_USER = "opencem";
    /** Its password. */
    public static final String PG_PASSWORD = "opencem-test-password";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /**
     * A database kind and how to point the server's configuration at a fresh, empty database of it.
     *
     * @param name H2 or PostgreSQL
     * @param freshDatabase from a data dir to the {@code OPENCEM_*} settings of a new database
     */
    public record Backend(String name, Function<Path, Map<String, String>> freshDatabase) {

        /** @param dir a data dir @return a configuration on a fresh database */
        public ServerConfig config(Path dir) {
            return new ConfigLoader().load(Optional.empty(), freshDatabase.apply(dir));
        }

        /** @param dir a data dir @return a fresh database, migrated */
        public Database open(Path dir) {
            return Database.open(config(dir));
        }

        /** @return whether this is PostgreSQL */
        public boolean postgres() {
            return name.equals("PostgreSQL");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** @return H2 and PostgreSQL, for {@code @MethodSource} */
    public static Stream<Backend> backends() {
        return Stream.of(
                new Backend("H2", dir -> Map.of("OPENCEM_DATA_DIR", dir.toString())),
                new Backend("PostgreSQL", TestDatabases::freshPostgresDatabase));
    }

    /** Starts the PostgreSQL server and creates the test role; call from {@code @BeforeAll}. */
    public static synchronized void startPostgres() {
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectoryCustomizer(TestDatabases::requirePasswordsOverTcp).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        execute("CREATE ROLE " + PG_USER + " LOGIN PASSWORD '" + PG_PASSWORD + "'");
    }

    /**
     * A fresh database on a PostgreSQL server shared by every caller of this method in the JVM (started at the
     * first call, stopped when the JVM exits): for whole server test suites run against PostgreSQL.
     *
     * @param dataDir a data dir
     * @return the settings of a new, empty database
     */
    public static synchronized Map<String, String> sharedPostgresDatabase(Path dataDir) {
        if (postgres == null) {
            startPostgres();
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stopPostgres, "embedded-postgres-stop"));
        }
        return freshPostgresDatabase(dataDir);
    }

    /** Stops the PostgreSQL server; call from {@code @AfterAll}. */
    public static synchronized void stopPostgres() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    /** @return a superuser connection to the server's maintenance database */
    public static Connection superuser() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    /** The superuser keeps trust (zonky itself connects as it); every other role must give its password. */
    private static void requirePasswordsOverTcp(java.io.File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf", e);
        }
    }

    /** @param dataDir a data dir @return the settings of a new, empty PostgreSQL database owned by the test role */
    public static Map<String, String> freshPostgresDatabase(Path dataDir) {
        String name = "opencem_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name + " OWNER " + PG_USER);
        return Map.of(
                "OPENCEM_DATA_DIR", dataDir.toString(),
                "OPENCEM_DB_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name,
                "OPENCEM_DB_USER", PG_USER,
                "OPENCEM_DB_PASSWORD", PG_PASSWORD);
    }

    private static void execute(String sql) {
        try (Connection admin = superuser(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run: " + sql, e);
        }
    }
}
