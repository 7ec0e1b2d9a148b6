package org.opencem.core.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes a connection whose request headers do not arrive in time. Vert.x's idle timeout is reset by
 * every byte, so a client trickling one header byte at a time would otherwise hold a connection open
 * forever. A new connection must complete its first request's headers within the header timeout; after a
 * response, the next request's headers must be complete within the idle timeout. Both bound how long a
 * connection can be held without a request.
 */
public final class HeaderDeadline {

    private final Vertx vertx;
    private final long headerMillis;
    private final long idleMillis;
    private final Map<HttpConnection, Long> timers = new ConcurrentHashMap<>();

    /**
     * @param vertx the Vert.x instance
     * @param headerMillis deadline for the first request's headers
     * @param idleMillis deadline for each later request's headers
     */
    public HeaderDeadline(Vertx vertx, long headerMillis, long idleMillis) {
        this.vertx = vertx;
        this.headerMillis = headerMillis;
        this.idleMillis = idleMillis;
    }

    /** @return the handler to install as the server's connection handler */
    public Handler<HttpConnection> onConnection() {
        return connection -> {
            arm(connection, headerMillis);
            connection.closeHandler(v -> disarm(connection));
        };
    }

    /**
     * @param next the server's request handler
     * @return a request handler that cancels the deadline, re-arms it after the response, then calls next
     */
    public Handler<HttpServerRequest> onRequest(Handler<HttpServerRequest> next) {
        return request -> {
            HttpConnection connection = request.connection();
            disarm(connection);
            request.response().endHandler(v -> arm(connection, idleMillis));
            next.handle(request);
        };
    }

    private void arm(HttpConnection connection, long millis) {
        long timer = vertx.setTimer(millis, id -> {
            if (timers.remove(connection, id)) {
                connection.close();
            }
        });
        Long previous = timers.put(connection, timer);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    private void disarm(HttpConnection connection) {
        Long timer = timers.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
