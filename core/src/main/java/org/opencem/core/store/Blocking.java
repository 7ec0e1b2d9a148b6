package org.opencem.core.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Runs blocking store work on Vert.x worker threads, so JDBC never runs on an event loop.
 */
@Singleton
public final class Blocking {

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
        return run(() -> database.dsl().transactionResult(configuration -> work.apply(configuration.dsl())));
    }
}
