package org.opencem.core.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become RFC 9457 problem JSON: handler exceptions, failed futures and the status
 * codes Vert.x fails with itself (404, 405, 413...). Unexpected exceptions are logged with an id that the
 * answer repeats, never with request data.
 */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Throwable failure = ctx.failure();
        while (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof ProblemException problem) {
            answer(ctx, problem.status(), problem.getMessage(), problem.errors());
            return;
        }
        int status = ctx.statusCode();
        if (failure instanceof io.vertx.ext.web.handler.HttpException http) {
            status = http.getStatusCode();
        }
        if (status >= 400 && status < 500) {
            answer(ctx, status, defaultDetail(status), List.of());
            return;
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected error {} on {} {}", incident, ctx.request().method(), ctx.normalizedPath(), failure);
        answer(ctx, status >= 500 ? status : 500, "unexpected error; incident " + incident, List.of());
    }

    private static void answer(RoutingContext ctx, int status, String detail, List<Problem.FieldError> errors) {
        String type = errors.isEmpty() ? "about:blank" : "https://opencem.org/problems/validation";
        Responses.problem(ctx.response(), new Problem(type, HttpResponseStatus.valueOf(status).reasonPhrase(), status,
                detail, ctx.request().path(), errors));
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 401 -> "authentication required: log in or send an API token as Authorization: Bearer";
            case 403 -> "your role may not do this";
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 413 -> "the request body is larger than this route accepts";
            case 415 -> "unsupported content type";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }
}
