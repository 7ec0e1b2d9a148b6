package org.opencem.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.opencem.core.store.Database;

/**
 * The bulk loader's one connection to an H2 store (already migrated), which it can close to compact the file and
 * open again. Under a bulk load H2's file grows faster than the data (old chunks keep some live pages and are not
 * freed: about 1.2 GB per million responses written in time order); compacting every few million responses keeps
 * it within a few GB.
 */
final class BulkStore implements AutoCloseable {

    /** H2's page cache for the load, in KiB: the server opens the file later with its own. */
    private static final int CACHE_KIB = 1 << 20;

    private final Path dataDir;
    private Connection connection;
    private DSLContext dsl;

    /** @param dataDir the data dir of a migrated store */
    BulkStore(Path dataDir) throws SQLException {
        this.dataDir = dataDir;
        open();
    }

    private void open() throws SQLException {
        connection = DriverManager.getConnection(Database.h2Url(dataDir) + ";CACHE_SIZE=" + CACHE_KIB, "sa", "");
        connection.setAutoCommit(false);
        dsl = DSL.using(connection, SQLDialect.H2);
    }

    /** @return the context of the current connection: ask again after {@link #compact} */
    DSLContext dsl() {
        return dsl;
    }

    void commit() throws SQLException {
        connection.commit();
    }

    /** Commits, closes the store, compacts its file and opens it again. */
    void compact() throws SQLException {
        connection.commit();
        connection.close();
        H2Files.compact(dataDir);
        open();
    }

    /** @return the bytes of the store's files */
    long size() {
        return H2Files.size(dataDir);
    }

    @Override
    public void close() throws SQLException {
        connection.commit();
        connection.close();
    }
}
