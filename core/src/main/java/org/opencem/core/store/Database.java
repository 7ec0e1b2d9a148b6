package org.opencem.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.opencem.core.config.ServerConfig;

/**
 * The store's connection pool and jOOQ context, migrated to the current schema when opened. H2 file
 * database in the data dir by default, PostgreSQL when the URL says so.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final String description;

    private Database(HikariDataSource dataSource, SQLDialect dialect, String description) {
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
        this.description = description;
    }

    /**
     * Opens the pool and applies pending migrations.
     *
     * @param config the server configuration
     * @return the open database
     */
    public static Database open(ServerConfig config) {
        String url = config.db().url().orElseGet(() -> h2Url(config.dataDir()));
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(config.db().user().isEmpty() && url.startsWith("jdbc:h2:") ? "sa" : config.db().user());
        pool.setPassword(config.db().password());
        pool.setMaximumPoolSize(config.db().poolSize());
        pool.setMinimumIdle(1);
        pool.setPoolName("opencem-db");
        pool.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            SQLDialect dialect = dialect(url);
            migrate(dataSource);
            return new Database(dataSource, dialect, describe(url));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * The H2 URL for a data dir: {@code WRITE_DELAY=0} so an acknowledged commit survives {@code kill -9},
     * {@code DATABASE_TO_LOWER=TRUE} to match the generated jOOQ classes.
     *
     * @param dataDir the data directory
     * @return the JDBC URL
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("opencem")
                + ";DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/{vendor}")
                .failOnMissingLocations(false)
                .load()
                .migrate();
    }

    private static SQLDialect dialect(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return SQLDialect.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return SQLDialect.POSTGRES;
        }
        throw new IllegalArgumentException("unsupported database URL (H2 or PostgreSQL): " + describe(url));
    }

    /** The URL without credentials or options, safe to log. */
    private static String describe(String url) {
        int options = url.indexOf(';');
        String base = options < 0 ? url : url.substring(0, options);
        int query = base.indexOf('?');
        return query < 0 ? base : base.substring(0, query);
    }

    /** @return the jOOQ context over the pool */
    public DSLContext dsl() {
        return dsl;
    }

    /** @return the pool */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return the database URL without credentials, for logs */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
