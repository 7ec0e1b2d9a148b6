package org.opencem.core;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.stream.Collectors;
import org.opencem.core.analytics.RollupRebuild;
import org.opencem.core.auth.AdminBootstrap;
import org.opencem.core.channel.ChannelMounts;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.http.HttpServerFactory;
import org.opencem.core.http.Json;
import org.opencem.core.http.openapi.ApiContract;
import org.opencem.core.ingest.GroupCommitWriter;
import org.opencem.core.plugin.PluginRuntime;
import org.opencem.core.plugin.PluginView;
import org.opencem.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running OpenCEM server: store, injector, plugins and HTTP listener, started in that order and
 * stopped in reverse. Tests start it in-process; {@link Main} starts it from the command line.
 */
public final class OpenCemServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenCemServer.class);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Database database;
    private final PluginRuntime plugins;
    private final GroupCommitWriter writer;
    private final RollupRebuild rebuild;
    private final HttpServer http;
    private volatile boolean closed;

    private OpenCemServer(Vertx vertx, Database database, PluginRuntime plugins, GroupCommitWriter writer, RollupRebuild rebuild,
                          HttpServer http) {
        this.vertx = vertx;
        this.database = database;
        this.plugins = plugins;
        this.writer = writer;
        this.rebuild = rebuild;
        this.http = http;
    }

    /**
     * Starts a server and returns once it is ready.
     *
     * @param config the configuration
     * @return the running server
     */
    public static OpenCemServer start(ServerConfig config) {
        long begin = System.nanoTime();
        AdminBootstrap.check(config.admin());
        Json.limitEveryParser();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        Database database = null;
        PluginRuntime plugins = null;
        GroupCommitWriter writer = null;
        RollupRebuild rebuild = null;
        try {
            // The contract takes a few hundred milliseconds of CPU to compile: do it while the store opens.
            CompletableFuture<ApiContract> contract = CompletableFuture.supplyAsync(() -> ApiContract.load(vertx));
            database = Database.open(config);
            PrometheusMeterRegistry metrics = metrics();
            Injector injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(config, vertx, database, metrics,
                    contract.join()));
            injector.getInstance(AdminBootstrap.class).run();
            writer = injector.getInstance(GroupCommitWriter.class);
            writer.start();
            Router router = injector.getInstance(HttpServerFactory.class).router();
            injector.getInstance(ChannelMounts.class).attach(router);
            rebuild = injector.getInstance(RollupRebuild.class);
            plugins = injector.getInstance(PluginRuntime.class);
            plugins.start();
            HttpServer http = injector.getInstance(HttpServerFactory.class).listen(router)
                    .await();
            OpenCemServer server = new OpenCemServer(vertx, database, plugins, writer, rebuild, http);
            server.logSummary(config, (System.nanoTime() - begin) / 1_000_000);
            return server;
        } catch (RuntimeException e) {
            if (rebuild != null) {
                rebuild.close();
            }
            if (plugins != null) {
                plugins.stop();
            }
            if (writer != null) {
                writer.close();
            }
            if (database != null) {
                database.close();
            }
            vertx.close().await();
            throw e;
        }
    }

    private static PrometheusMeterRegistry metrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    private void logSummary(ServerConfig config, long millis) {
        List<PluginView> views = plugins.snapshot();
        String pluginSummary = views.isEmpty() ? "none" : views.stream()
                .map(p -> p.id() + (p.version().isEmpty() ? "" : " " + p.version()) + " " + p.state())
                .collect(Collectors.joining(", "));
        LOG.info("Store: {}", database.description());
        LOG.info("Plugins ({}): {}", views.size(), pluginSummary);
        LOG.info("OpenCEM ready on http://{}:{} in {} ms", config.http().host(), port(), millis);
    }

    /** @return the port the server listens on */
    public int port() {
        return http.actualPort();
    }

    /** Stops accepting connections, drains in-flight requests, stops plugins and closes the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping: draining requests (up to {} s)", DRAIN.toSeconds());
        http.shutdown(DRAIN.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).await();
        writer.close();
        rebuild.close();
        plugins.stop();
        vertx.close().await();
        database.close();
        LOG.info("Stopped");
    }
}
