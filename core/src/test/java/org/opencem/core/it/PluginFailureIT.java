package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.pluginState;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins that fail never take the server down. */
class PluginFailureIT {

    @TempDir
    Path home;

    @Test
    void pluginsThatFailToStartOrRequireANewerApiAreFailedWithTheirReasonWhileTheServerServes() {
        try (TestServer server = TestServer.start(home, "opencem-test-failing-start", "opencem-test-future-api",
                "opencem-metric-nps")) {
            HttpResponse<String> plugins = server.adminGet("/api/v1/plugins");
            for (JsonNode plugin : json(plugins)) {
                switch (plugin.path("id").asText()) {
                    case "test-failing-start" -> {
                        assertThat(plugin.path("state").asText()).isEqualTo("FAILED");
                        assertThat(plugin.path("error").asText()).contains("refuses to start");
                    }
                    case "test-future-api" -> {
                        assertThat(plugin.path("state").asText()).isEqualTo("FAILED");
                        assertThat(plugin.path("error").asText()).contains(">=99.0.0", "0.1.0");
                    }
                    case "metric-nps" -> assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
                    default -> throw new AssertionError("unexpected plugin " + plugin);
                }
            }
            HttpResponse<String> ready = server.send(server.request("/health/ready").GET());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready).path("plugins").path("test-failing-start").asText()).isEqualTo("FAILED");

            HttpResponse<String> enable = server.adminPost("/api/v1/plugins/test-future-api/enable", "");
            assertThat(enable.statusCode()).isEqualTo(409);
            assertThat(json(server.adminGet("/api/v1/extensions?type=question")).toString())
                    .contains("\"id\":\"nps\"").doesNotContain("test-never", "test-future");
        }
    }

    @Test
    void aChannelHandlerThatThrowsMarksItsPluginFailedAndItsRoutesStopAnswering() {
        try (TestServer server = TestServer.start(home, "opencem-test-channel")) {
            String id = json(server.adminPost("/api/v1/channels",
                    "{\"type\":\"test-echo\",\"name\":\"x\",\"config\":{\"greeting\":\"hi\"}}")).path("id").asText();
            HttpResponse<String> boom = server.send(server.request("/c/" + id + "/boom").GET());
            assertThat(boom.statusCode()).isEqualTo(500);
            assertThat(boom.body()).doesNotContain("boom from test-echo").contains("incident");

            await("plugin marked FAILED").atMost(Duration.ofSeconds(10))
                    .until(() -> pluginState(server.adminGet("/api/v1/plugins"), "test-channel").equals("FAILED"));
            assertThat(json(server.adminGet("/api/v1/plugins")).get(0).path("error").asText()).contains("boom from test-echo");
            assertThat(server.send(server.request("/c/" + id + "/hello").GET()).statusCode()).isEqualTo(404);
            assertThat(server.send(server.request("/health/live").GET()).statusCode()).isEqualTo(200);

            assertThat(json(server.adminPost("/api/v1/plugins/test-channel/enable", "")).path("state").asText())
                    .isEqualTo("STARTED");
            assertThat(server.send(server.request("/c/" + id + "/hello").GET()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFileInThePluginsDirectoryThatIsNoPluginIsListedAsFailedAndCanBeRemoved() throws java.io.IOException {
        java.nio.file.Files.createDirectories(home.resolve("plugins"));
        java.nio.file.Files.writeString(home.resolve("plugins").resolve("broken-1.0.zip"), "not a zip");
        try (TestServer server = TestServer.start(home, "opencem-metric-nps")) {
            HttpResponse<String> plugins = server.adminGet("/api/v1/plugins");
            assertThat(pluginState(plugins, "broken-1.0.zip")).isEqualTo("FAILED");
            assertThat(plugins.body()).contains("not a valid zip");
            assertThat(pluginState(plugins, "metric-nps")).isEqualTo("STARTED");

            assertThat(server.send(server.admin("/api/v1/plugins/broken-1.0.zip").DELETE()).statusCode()).isEqualTo(204);
            assertThat(pluginState(server.adminGet("/api/v1/plugins"), "broken-1.0.zip")).isEqualTo("absent");
            assertThat(home.resolve("plugins").resolve("broken-1.0.zip")).doesNotExist();
        }
    }

    @Test
    void aDisabledPluginStillShowsTheKindsOfItsExtensions() {
        try (TestServer server = TestServer.start(home, "opencem-metric-nps")) {
            server.adminPost("/api/v1/plugins/metric-nps/disable", "");
            JsonNode plugin = json(server.adminGet("/api/v1/plugins")).get(0);
            assertThat(plugin.path("state").asText()).isEqualTo("DISABLED");
            assertThat(plugin.path("extensions").findValuesAsText("kind")).containsExactlyInAnyOrder("metric", "question");
        }
    }

    @Test
    void stoppingTheServerFinishesTheRequestInFlightAndRefusesNewConnections() throws Exception {
        TestServer server = TestServer.start(home, "opencem-test-channel");
        String id = json(server.adminPost("/api/v1/channels",
                "{\"type\":\"test-echo\",\"name\":\"x\",\"config\":{\"greeting\":\"hi\"}}")).path("id").asText();
        int port = server.port();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> slow =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> server.send(server.request("/c/" + id + "/slow").GET()));
        Thread.sleep(300); // the slow request is in flight: its answer comes after one second
        server.close();
        HttpResponse<String> answer = slow.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as("the request in flight was finished, not cut").isEqualTo(200);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
                .as("the stopped server accepts no connection").isInstanceOf(java.io.IOException.class);
    }

    @Test
    void restartKeepsPluginStatesAndRunningChannels() {
        try (TestServer server = TestServer.start(home, "opencem-test-channel", "opencem-metric-nps")) {
            String id = json(server.adminPost("/api/v1/channels",
                    "{\"type\":\"test-echo\",\"name\":\"x\",\"config\":{\"greeting\":\"hi\"}}")).path("id").asText();
            assertThat(server.adminPost("/api/v1/plugins/metric-nps/disable", "").statusCode()).isEqualTo(200);

            server.restart();

            HttpResponse<String> plugins = server.adminGet("/api/v1/plugins");
            assertThat(pluginState(plugins, "metric-nps")).isEqualTo("DISABLED");
            assertThat(pluginState(plugins, "test-channel")).isEqualTo("STARTED");
            assertThat(server.send(server.request("/c/" + id + "/hello").GET()).statusCode()).isEqualTo(200);
        }
    }
}
