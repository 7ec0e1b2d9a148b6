package org.opencem.core.it;

import java.nio.file.Path;
import java.util.Map;
import org.opencem.core.store.TestDatabases;

/** The event ingest tests on PostgreSQL (embedded, reached as a password-checked non-superuser role). */
class EventIngestPostgresIT extends EventIngestIT {

    @Override
    Map<String, String> openDatabase(Path dataDir) {
        TestDatabases.startPostgres();
        return TestDatabases.freshPostgresDatabase(dataDir);
    }

    @Override
    void closeDatabase() {
        TestDatabases.stopPostgres();
    }
}
