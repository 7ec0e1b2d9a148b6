package org.opencem.core.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.health.HealthRoutes;
import org.opencem.core.http.openapi.ApiContract;
import org.opencem.core.http.openapi.ApiDocs;
import org.opencem.core.http.openapi.RequestValidation;
import org.opencem.core.http.openapi.RouteCoverage;
import org.opencem.core.plugin.PluginRoutes;

/**
 * Builds the HTTP server: limits and timeouts, security headers, metrics, health, the public API document
 * and its docs, the authenticated {@code /api/v1} routes checked against that document, and channel routes
 * under {@code /c/}.
 */
@Singleton
public final class HttpServerFactory {

    /** Where the API's router is mounted. */
    public static final String API_PATH = "/api/v1";

    private final Vertx vertx;
    private final ServerConfig config;
    private final PrometheusMeterRegistry metrics;
    private final Authenticator authenticator;
    private final HealthRoutes health;
    private final Set<ApiRoutes> apiRoutes;
    private final ApiContract contract;

    @Inject
    HttpServerFactory(Vertx vertx, ServerConfig config, PrometheusMeterRegistry metrics, Authenticator authenticator,
                      HealthRoutes health, Set<ApiRoutes> apiRoutes, ApiContract contract) {
        this.vertx = vertx;
        this.config = config;
        this.metrics = metrics;
        this.authenticator = authenticator;
        this.health = health;
        this.apiRoutes = apiRoutes;
        this.contract = contract;
    }

    /** @return the root router, with every core route */
    public Router router() {
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders()).handler(new RequestMetrics(metrics));
        health.mount(router);
        new ApiDocs(contract).mount(router);

        Router api = Router.router(vertx);
        String uploads = config.dataDir().toAbsolutePath().resolve("tmp").toString();
        BodyHandler jsonBodies = BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes());
        BodyHandler pluginUploads = BodyHandler.create(uploads).setBodyLimit(config.plugins().maxUploadBytes())
                .setDeleteUploadedFilesOnEnd(true);
        Set<String> streamed = apiRoutes.stream().flatMap(routes -> routes.streamedBodyPaths().stream())
                .collect(Collectors.toUnmodifiableSet());
        api.route().handler(authenticator);
        api.route().handler(ctx -> {
            if (ctx.request().isEnded() || streamed.contains(ctx.normalizedPath())) {
                ctx.next();
            } else {
                (isPluginUpload(ctx) ? pluginUploads : jsonBodies).handle(ctx);
            }
        });
        api.route().handler(new RequestValidation(contract));
        apiRoutes.forEach(routes -> routes.mount(api));
        RouteCoverage.requireDocumented(api, API_PATH, contract);
        router.route(API_PATH + "/*").subRouter(api);

        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(new FailureHandler());
        api.route().failureHandler(new FailureHandler());
        return router;
    }

    private static boolean isPluginUpload(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && PluginRoutes.UPLOAD_PATH.equals(ctx.normalizedPath());
    }

    /**
     * @param router the root router
     * @return the listening server
     */
    public Future<HttpServer> listen(Router router) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.http().host())
                .setPort(config.http().port())
                .setIdleTimeout(config.http().idleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(16384)
                .setCompressionSupported(true)
                // Without h2c, Vert.x sets an HTTP/1 connection up (and calls the connection handler that
                // arms the header deadline) as soon as it is accepted, not at its first complete request.
                .setHttp2ClearTextEnabled(false);
        HeaderDeadline deadline = new HeaderDeadline(vertx, config.http().headerTimeoutSeconds() * 1000L,
                config.http().idleTimeoutSeconds() * 1000L);
        return vertx.createHttpServer(options)
                .connectionHandler(deadline.onConnection())
                .requestHandler(deadline.onRequest(router))
                .listen();
    }
}
