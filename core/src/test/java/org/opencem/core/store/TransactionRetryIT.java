package org.opencem.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencem.core.store.schema.Tables.SERVER_SECRET;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencem.core.store.TestDatabases.Backend;

/** A transaction that loses a race runs again in a new transaction; its failed attempt leaves nothing behind. */
class TransactionRetryIT extends BothDatabases {

    private static void insert(DSLContext dsl, String name) {
        dsl.insertInto(SERVER_SECRET).set(SERVER_SECRET.NAME, name).set(SERVER_SECRET.SECRET_VALUE, "v")
                .set(SERVER_SECRET.CREATED_AT, Instant.now()).execute();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void contendedWorkRunsAgainInANewTransaction(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            AtomicInteger attempts = new AtomicInteger();
            String result = Blocking.inTransaction(database.dsl(), dsl -> {
                insert(dsl, "attempt-" + attempts.incrementAndGet());
                if (attempts.get() < Blocking.ATTEMPTS) {
                    throw new ContentionException("lost a race");
                }
                return "done";
            });
            assertThat(result).isEqualTo("done");
            assertThat(database.dsl().fetch(SERVER_SECRET, SERVER_SECRET.NAME.like("attempt-%")).getValues(SERVER_SECRET.NAME))
                    .as("the failed attempts were rolled back").containsExactly("attempt-" + Blocking.ATTEMPTS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void lastingContentionAndOtherFailuresAreAnswered(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            AtomicInteger contended = new AtomicInteger();
            assertThatThrownBy(() -> Blocking.inTransaction(database.dsl(), dsl -> {
                contended.incrementAndGet();
                throw new ContentionException("always");
            })).isInstanceOf(ContentionException.class);
            assertThat(contended).hasValue(Blocking.ATTEMPTS);

            AtomicInteger duplicate = new AtomicInteger();
            insert(database.dsl(), "taken");
            assertThatThrownBy(() -> Blocking.inTransaction(database.dsl(), dsl -> {
                duplicate.incrementAndGet();
                insert(dsl, "taken");
                return null;
            })).isInstanceOf(org.jooq.exception.DataAccessException.class);
            assertThat(duplicate).as("a unique violation is not transient").hasValue(1);
        }
    }
}
