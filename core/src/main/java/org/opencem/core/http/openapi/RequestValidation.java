package org.opencem.core.http.openapi;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Checks every {@code /api/v1} request against the OpenAPI document before any route sees it, so a route
 * cannot skip validation: a request the document has no operation for is answered 404 (or 405 when the path
 * is documented with other methods) even if some route would take it. Runs after authentication and after the
 * body is read; its problems are thrown as {@code ProblemException}s for the failure handler.
 */
public final class RequestValidation implements Handler<RoutingContext> {

    private final ApiContract contract;

    /** @param contract the document */
    public RequestValidation(ApiContract contract) {
        this.contract = contract;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Optional<OperationCheck> operation = contract.find(ctx.request().method(), path);
        if (operation.isEmpty()) {
            ctx.fail(contract.hasPath(path) ? 405 : 404);
            return;
        }
        operation.get().check(ctx);
        ctx.next();
    }
}
