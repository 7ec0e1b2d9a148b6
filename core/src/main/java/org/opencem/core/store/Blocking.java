package org.opencem.core.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Runs blocking store work on Vert.x worker threads, so JDBC never runs on an event loop. A transaction that
 * fails for a transient reason (a {@link ContentionException}, a deadlock, a serialization failure or a lock
 * timeout) runs again in a new transaction, up to {@link #ATTEMPTS} times, instead of answering a 500.
 */
@Singleton
public final class Blocking {

    /** How many transactions a unit of work gets before its transient failure is answered. */
    public static final int ATTEMPTS = 3;
    /** SQLSTATEs of failures another attempt can cure: serialization failure, deadlock (PostgreSQL), lock timeout (H2). */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "HYT00");

    private final Vertx vertx;
    private final Database database;

    @Inject
    Blocking(Vertx vertx, Database database) {
        this.vertx = vertx;
        this.database = database;
    }

    /**
     * @param work blocking work
     * @param <T> result type
     * @return the result, on the caller's context
     */
    public <T> Future<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    /**
     * @param work work in one transaction
     * @param <T> result type
     * @return the result once committed
     */
    public <T> Future<T> transaction(Function<DSLContext, T> work) {
        return run(() -> inTransaction(database.dsl(), work));
    }

    /**
     * Runs work in a transaction, again in a new one when it fails for a transient reason. Blocking.
     *
     * @param dsl the store
     * @param work work in one transaction
     * @param <T> result type
     * @return the result once committed
     */
    public static <T> T inTransaction(DSLContext dsl, Function<DSLContext, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
            }
        }
    }

    /** @param failure a failed transaction's exception @return whether running it again may succeed */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContentionException
                    || cause instanceof SQLException sql && TRANSIENT_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
