package org.opencem.core.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every request into {@code http_server_requests} (by method, route and status) and logs one line
 * per request at debug: method, route, status and time. Never the query string or body, which may hold
 * personal data or tokens.
 */
public final class RequestMetrics implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger("org.opencem.http.access");

    private final MeterRegistry registry;

    /** @param registry where the timers go */
    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(v -> {
            long nanos = System.nanoTime() - start;
            int status = ctx.response().getStatusCode();
            String route = routeOf(ctx);
            Timer.builder("http.server.requests")
                    .tag("method", ctx.request().method().name())
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .register(registry)
                    .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} {} {}ms", ctx.request().method(), route, status, nanos / 1_000_000);
            }
        });
        ctx.next();
    }

    /** The matched route pattern, so metrics and logs never carry ids or personal data from paths. */
    private static String routeOf(RoutingContext ctx) {
        String route = ctx.currentRoute() == null ? null : ctx.currentRoute().getPath();
        return route == null ? "unmatched" : route;
    }
}
