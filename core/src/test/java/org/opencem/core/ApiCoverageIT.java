package org.opencem.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencem.core.config.ConfigLoader;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.http.HttpServerFactory;
import org.opencem.core.http.openapi.ApiContract;
import org.opencem.core.http.openapi.RouteCoverage;
import org.opencem.core.store.Database;

/**
 * The routes the server really mounts, walked on its router, against the OpenAPI document: no route goes
 * undocumented (and so unvalidated), and no documented operation is left without a route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiCoverageIT {

    Vertx vertx;
    Database database;
    ApiContract contract;
    List<String> served;

    @BeforeAll
    void buildTheServersRouter(@TempDir Path home) {
        ServerConfig config = new ConfigLoader().load(Optional.empty(), Map.of(
                "OPENCEM_DATA_DIR", home.resolve("data").toString(), "OPENCEM_PLUGINS_DIR", home.resolve("plugins").toString()));
        vertx = Vertx.vertx();
        database = Database.open(config);
        contract = ApiContract.load(vertx);
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new CoreModule(config, vertx, database, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), contract));
        Router root = injector.getInstance(HttpServerFactory.class).router();
        String mount = "ANY " + HttpServerFactory.API_PATH + "/";
        served = new ArrayList<>(RouteCoverage.served(root, "").stream()
                .filter(r -> r.contains(" " + HttpServerFactory.API_PATH + "/") && !r.equals(mount)).toList());
        for (Route route : root.getRoutes()) {
            if (route.getSubRouter() != null && (HttpServerFactory.API_PATH + "/").equals(route.getPath())) {
                served.addAll(RouteCoverage.served(route.getSubRouter(), HttpServerFactory.API_PATH));
            }
        }
    }

    @AfterAll
    void close() {
        database.close();
        vertx.close().await();
    }

    @Test
    void everyMountedApiRouteIsDocumented() {
        assertThat(served).as("routes found on the router").contains("POST /api/v1/auth/login", "GET /api/v1/customers/{id}",
                "GET /api/v1/openapi.yaml");
        assertThat(RouteCoverage.undocumented(served, contract)).isEmpty();
    }

    @Test
    void everyDocumentedOperationIsServed() {
        List<String> unserved = RouteCoverage.documented(contract).stream().filter(op -> !served.contains(op)).sorted().toList();
        assertThat(unserved).as("documented but not served").isEmpty();
    }
}
