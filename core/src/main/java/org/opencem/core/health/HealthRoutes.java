package org.opencem.core.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencem.core.plugin.PluginRuntime;
import org.opencem.core.plugin.PluginView;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.Database;

/**
 * {@code /health/live} (the process answers), {@code /health/ready} (the store answers; plugin states
 * listed) and {@code /metrics} (Prometheus text). Public, for load balancers and scrapers; they show no
 * data.
 */
@Singleton
public final class HealthRoutes {

    private final Blocking blocking;
    private final Database database;
    private final PluginRuntime plugins;
    private final PrometheusMeterRegistry registry;

    @Inject
    HealthRoutes(Blocking blocking, Database database, PluginRuntime plugins, PrometheusMeterRegistry registry) {
        this.blocking = blocking;
        this.database = database;
        this.plugins = plugins;
        this.registry = registry;
    }

    /** @param router the server's root router */
    public void mount(Router router) {
        router.get("/health/live").handler(ctx -> json(ctx, 200, Map.of("status", "UP")));
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(ctx -> blocking.run(registry::scrape)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(ctx::fail));
    }

    private void ready(RoutingContext ctx) {
        blocking.run(() -> database.dsl().selectOne().fetch())
                .transform(store -> plugins.list().map(list -> answer(store.succeeded(), list)))
                .onSuccess(body -> json(ctx, "UP".equals(body.get("status")) ? 200 : 503, body))
                .onFailure(ctx::fail);
    }

    private static Map<String, Object> answer(boolean storeUp, List<PluginView> plugins) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", storeUp ? "UP" : "DOWN");
        body.put("store", storeUp ? "UP" : "DOWN");
        Map<String, String> states = new LinkedHashMap<>();
        plugins.forEach(p -> states.put(p.id(), p.state()));
        body.put("plugins", states);
        return body;
    }

    private static void json(RoutingContext ctx, int status, Map<String, Object> body) {
        org.opencem.core.http.Responses.json(ctx, status, body);
    }
}
