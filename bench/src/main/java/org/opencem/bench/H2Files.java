package org.opencem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.opencem.core.store.Database;

/** The H2 store of a data dir as files: compacting it after a bulk load, and its size on disk. */
final class H2Files {

    private H2Files() {
    }

    /**
     * H2 keeps the chunks of recent commits for a while: compacts the file to what a long-running server would
     * have, instead of measuring reads against a file grown by the bulk load.
     */
    static void compact(Path dataDir) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Database.h2Url(dataDir), "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
    }

    /** @return the bytes of every file under the data dir */
    static long size(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
