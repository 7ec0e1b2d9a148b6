package org.opencem.core.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.opencem.core.OpenCemServer;
import org.opencem.core.config.ConfigLoader;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.store.Database;
import org.opencem.core.store.TestDatabases;

/**
 * An in-process OpenCEM on a random port with the H2 file store in a directory of the test's, driven
 * over real HTTP. Restartable on the same data dir.
 */
final class TestServer implements AutoCloseable {

    static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdefghijklmnop";
    static final String ADMIN_EMAIL = "admin@example.com";
    static final String ADMIN_PASSWORD = "correct horse battery";

    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OpenCemServer server;

    private TestServer(Path home, Map<String, String> extraEnv) {
        this.home = home;
        env.put("OPENCEM_HTTP_HOST", "127.0.0.1");
        env.put("OPENCEM_HTTP_PORT", "0");
        env.put("OPENCEM_DATA_DIR", home.resolve("data").toString());
        env.put("OPENCEM_PLUGINS_DIR", home.resolve("plugins").toString());
        env.put("OPENCEM_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("OPENCEM_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("OPENCEM_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putAll(extraEnv);
        // -Dopencem.test.store=postgresql runs every server test on PostgreSQL (a second failsafe execution).
        if ("postgresql".equals(System.getProperty("opencem.test.store")) && !env.containsKey("OPENCEM_DB_URL")) {
            env.putAll(TestDatabases.sharedPostgresDatabase(home.resolve("data")));
        }
    }

    /**
     * @param home a fresh directory for data and plugins
     * @param plugins names of test plugin zips to install before start ({@code opencem-test-channel})
     * @return a started server
     */
    static TestServer start(Path home, String... plugins) {
        return start(home, Map.of(), plugins);
    }

    static TestServer start(Path home, Map<String, String> extraEnv, String... plugins) {
        TestServer server = new TestServer(home, extraEnv);
        for (String plugin : plugins) {
            server.copyPlugin(plugin);
        }
        server.restart();
        return server;
    }

    /** @param name a test plugin artifact, e.g. {@code opencem-test-channel} @return its built zip */
    static Path pluginZip(String name) {
        Path zip = Path.of(System.getProperty("opencem.testPlugins", "target/test-plugins")).resolve(name + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("test plugin zip missing: " + zip + " (run the build through Maven)");
        }
        return zip;
    }

    void copyPlugin(String name) {
        try {
            Files.createDirectories(home.resolve("plugins"));
            Files.copy(pluginZip(name), home.resolve("plugins").resolve(name + ".zip"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path pluginsDir() {
        return home.resolve("plugins");
    }

    /** @return the configuration the server runs with (for opening its store while it is stopped) */
    ServerConfig config() {
        return new ConfigLoader().load(Optional.empty(), env);
    }

    /**
     * A connection of the test's own to the running server's store, for fixtures and checks.
     *
     * @param dsl jOOQ over the connection
     * @param connection the connection, closed with this
     */
    record Store(DSLContext dsl, Connection connection) implements AutoCloseable {

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** @return a connection to the running server's store (H2 in the same JVM shares the open database) */
    Store openStore() {
        ServerConfig config = config();
        String url = config.db().url().orElseGet(() -> Database.h2Url(config.dataDir()));
        boolean h2 = url.startsWith("jdbc:h2:");
        try {
            Connection connection = DriverManager.getConnection(url, h2 ? "sa" : config.db().user(), config.db().password());
            return new Store(DSL.using(connection, h2 ? SQLDialect.H2 : SQLDialect.POSTGRES), connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the test server's store", e);
        }
    }

    /** Stops the server if running and starts it again on the same data and plugins. */
    void restart() {
        if (server != null) {
            server.close();
        }
        server = OpenCemServer.start(config());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    int port() {
        return server.port();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    HttpRequest.Builder admin(String path) {
        return request(path).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /**
     * Sends a request; an answer under {@code /api/v1} must be one the OpenAPI document promises
     * ({@link ResponseContract}).
     */
    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
            ResponseContract.get().check(built.method(), built.uri().getPath(), response.statusCode(), response.headers(),
                    response.body());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET());
    }

    HttpResponse<String> postJson(String path, String token, String json) {
        return send(request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> adminGet(String path) {
        return get(path, ADMIN_TOKEN);
    }

    HttpResponse<String> adminPost(String path, String json) {
        return postJson(path, ADMIN_TOKEN, json);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
