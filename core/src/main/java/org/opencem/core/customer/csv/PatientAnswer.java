package org.opencem.core.customer.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.opencem.core.http.Json;
import org.opencem.core.http.Responses;

/**
 * Answers a 200 JSON body after work that may outlast the connection's idle timeout (a large import). While
 * the work goes on (from {@link #start()}, once it can only end in a 200), a space is written every period,
 * the 200 head going out with the first one (JSON allows white space before a value), so the connection is
 * never idle long enough to be closed. Work that ends within the first period is answered as usual,
 * failures included; a failure after that resets the connection, its status being already sent. Event
 * loop only.
 */
final class PatientAnswer {

    private final Vertx vertx;
    private final RoutingContext ctx;
    private final long periodMillis;
    private long timer = -1;

    /**
     * @param vertx the Vert.x instance
     * @param ctx the request
     * @param periodMillis how long the connection may stay silent; below the idle timeout
     */
    PatientAnswer(Vertx vertx, RoutingContext ctx, long periodMillis) {
        this.vertx = vertx;
        this.ctx = ctx;
        this.periodMillis = periodMillis;
    }

    /** Starts keeping the connection busy: from now on the answer will be a 200. */
    void start() {
        timer = vertx.setPeriodic(periodMillis, id -> {
            HttpServerResponse response = ctx.response();
            if (response.ended() || response.closed()) {
                vertx.cancelTimer(id);
                return;
            }
            if (!response.headWritten()) {
                response.setChunked(true).setStatusCode(200)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8");
            }
            response.write(" ");
        });
    }

    /** @param body the answer, any value Jackson can write */
    void succeed(Object body) {
        vertx.cancelTimer(timer);
        if (!ctx.response().headWritten()) {
            Responses.ok(ctx, body);
            return;
        }
        try {
            ctx.response().end(Buffer.buffer(Json.MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /** @param failure why the work failed */
    void fail(Throwable failure) {
        vertx.cancelTimer(timer);
        ctx.fail(failure);
    }
}
