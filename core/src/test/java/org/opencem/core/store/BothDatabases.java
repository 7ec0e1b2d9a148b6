package org.opencem.core.store;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.opencem.core.store.TestDatabases.Backend;

/**
 * Base of the store suites that run each test on H2 and on PostgreSQL: starts the PostgreSQL server for the
 * class and offers {@code @MethodSource("backends")}.
 */
public abstract class BothDatabases {

    @BeforeAll
    static void startPostgres() {
        TestDatabases.startPostgres();
    }

    @AfterAll
    static void stopPostgres() {
        TestDatabases.stopPostgres();
    }

    /** @return H2 and PostgreSQL */
    protected static Stream<Backend> backends() {
        return TestDatabases.backends();
    }
}
