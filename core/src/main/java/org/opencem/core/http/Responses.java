package org.opencem.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON answers and problem answers. */
public final class Responses {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

    private Responses() {
    }

    /** @param ctx the request @param status HTTP status @param body any value Jackson can write */
    public static void json(RoutingContext ctx, int status, Object body) {
        write(ctx.response(), status, JSON, body);
    }

    /** @param ctx the request @param body any value Jackson can write, answered 200 */
    public static void ok(RoutingContext ctx, Object body) {
        json(ctx, 200, body);
    }

    /** Answers 204 No Content. @param ctx the request */
    public static void noContent(RoutingContext ctx) {
        ctx.response().setStatusCode(204).end();
    }

    /**
     * @param response the response, not yet written
     * @param problem the problem to answer
     */
    public static void problem(HttpServerResponse response, Problem problem) {
        write(response, problem.status(), PROBLEM_JSON, problem);
    }

    private static void write(HttpServerResponse response, int status, String contentType, Object body) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer", e);
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .end(Buffer.buffer(bytes));
    }
}
