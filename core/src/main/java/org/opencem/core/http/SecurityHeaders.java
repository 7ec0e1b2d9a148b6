package org.opencem.core.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Adds the security headers every response carries. Only channel routes ({@code /c/...}) may be framed
 * by other sites; a channel that allows it sets its own {@code frame-ancestors}.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        boolean embeddable = ctx.request().path().startsWith("/c/");
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
            if (!embeddable) {
                headers.set("X-Frame-Options", "DENY");
                if (!headers.contains("Content-Security-Policy")) {
                    headers.set("Content-Security-Policy", "frame-ancestors 'none'");
                }
            }
            if (ctx.request().path().startsWith("/api/")) {
                headers.set("Cache-Control", "no-store");
            }
        });
        ctx.next();
    }
}
