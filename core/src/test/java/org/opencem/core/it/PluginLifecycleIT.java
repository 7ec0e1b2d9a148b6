package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.pluginState;
import static org.opencem.core.it.JsonAssertions.problemFields;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin uploaded, configured, called, disabled, enabled and uninstalled through the REST API. */
class PluginLifecycleIT {

    @TempDir
    Path home;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> uploadRaw(byte[] zip) {
        return server.send(server.admin("/api/v1/plugins").header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    private HttpResponse<String> uploadMultipart(byte[] zip) {
        String boundary = "----opencem" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(zip);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.send(server.admin("/api/v1/plugins").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static byte[] zip(String name) throws IOException {
        return Files.readAllBytes(TestServer.pluginZip(name));
    }

    private String createEchoChannel() {
        HttpResponse<String> created = server.adminPost("/api/v1/channels",
                "{\"type\":\"test-echo\",\"name\":\"Lisbon kiosk\",\"config\":{\"greeting\":\"olá\",\"repeat\":2,\"apiKey\":\"k-123\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    @Test
    void uploadedPluginServesItsChannelUntilDisabledAndIsGoneAfterUninstall() throws IOException {
        HttpResponse<String> installed = uploadRaw(zip("opencem-test-channel"));
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        assertThat(json(installed).path("state").asText()).isEqualTo("STARTED");
        assertThat(json(installed).path("extensions").toString()).contains("\"kind\":\"channel\"", "\"id\":\"test-echo\"");

        HttpResponse<String> extensions = server.adminGet("/api/v1/extensions?type=channel");
        JsonNode echo = json(extensions).get(0);
        assertThat(echo.path("id").asText()).isEqualTo("test-echo");
        assertThat(echo.path("configSchema").toString()).contains("\"name\":\"greeting\"", "\"type\":\"secret\"");

        String channelId = createEchoChannel();
        HttpResponse<String> hello = server.send(server.request("/c/" + channelId + "/hello").GET());
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(json(hello).path("greeting").asText()).isEqualTo("olá olá");
        assertThat(json(hello).path("plugin").asText()).as("extension got PluginInfo injected").isEqualTo("test-channel");

        HttpResponse<String> channel = server.adminGet("/api/v1/channels/" + channelId);
        assertThat(channel.body()).doesNotContain("k-123");
        assertThat(json(channel).path("secretsSet").toString()).contains("apiKey");

        HttpResponse<String> disabled = server.adminPost("/api/v1/plugins/test-channel/disable", "");
        assertThat(json(disabled).path("state").asText()).isEqualTo("DISABLED");
        assertThat(server.send(server.request("/c/" + channelId + "/hello").GET()).statusCode()).isEqualTo(404);

        HttpResponse<String> enabled = server.adminPost("/api/v1/plugins/test-channel/enable", "");
        assertThat(json(enabled).path("state").asText()).isEqualTo("STARTED");
        assertThat(server.send(server.request("/c/" + channelId + "/hello").GET()).statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = server.send(server.admin("/api/v1/plugins/test-channel").DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(pluginState(server.adminGet("/api/v1/plugins"), "test-channel")).isEqualTo("absent");
        assertThat(server.send(server.request("/c/" + channelId + "/hello").GET()).statusCode()).isEqualTo(404);
        try (var files = Files.list(server.pluginsDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("test-channel"));
        }
    }

    @Test
    void multipartUploadInstallsAndSecondUploadOfSameIdConflicts() throws IOException {
        HttpResponse<String> first = uploadMultipart(zip("opencem-test-channel"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = uploadRaw(zip("opencem-test-channel"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(pluginState(server.adminGet("/api/v1/plugins"), "test-channel")).isEqualTo("STARTED");
    }

    @Test
    void corruptOrNonPluginZipIsRefusedAndNothingIsInstalled() throws IOException {
        HttpResponse<String> corrupt = uploadRaw("this is not a zip at all".getBytes(StandardCharsets.UTF_8));
        assertThat(corrupt.statusCode()).isEqualTo(400);
        assertThat(problemFields(corrupt)).containsExactly("file");
        assertThat(json(corrupt).path("detail").asText()).contains("zip");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> notPlugin = uploadRaw(bytes.toByteArray());
        assertThat(notPlugin.statusCode()).isEqualTo(400);
        assertThat(json(notPlugin).path("detail").asText()).contains("no plugin descriptor");

        ByteArrayOutputStream slip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(slip)) {
            out.putNextEntry(new ZipEntry("../../escape.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(uploadRaw(slip.toByteArray()).statusCode()).isEqualTo(400);
        assertThat(Files.exists(home.resolve("escape.txt"))).isFalse();

        assertThat(json(server.adminGet("/api/v1/plugins"))).isEmpty();
        try (var files = Files.list(server.pluginsDir())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void channelConfigIsValidatedAgainstItsSchemaNamingEachBadField() throws IOException {
        uploadRaw(zip("opencem-test-channel"));
        HttpResponse<String> bad = server.adminPost("/api/v1/channels",
                "{\"type\":\"test-echo\",\"name\":\"x\",\"config\":{\"repeat\":9,\"mode\":\"z\",\"colour\":\"red\"}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(problemFields(bad)).containsExactlyInAnyOrder("config.greeting", "config.repeat", "config.mode",
                "config.colour");

        HttpResponse<String> unknownType = server.adminPost("/api/v1/channels", "{\"type\":\"fax\",\"name\":\"x\"}");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(problemFields(unknownType)).containsExactly("type");
        assertThat(json(server.adminGet("/api/v1/channels"))).isEmpty();
    }

    @Test
    void updatingAChannelKeepsAnOmittedSecretAndRestartsItWithTheNewConfig() throws IOException {
        uploadRaw(zip("opencem-test-channel"));
        String channelId = createEchoChannel();
        HttpResponse<String> updated = server.send(server.admin("/api/v1/channels/" + channelId)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Porto kiosk\",\"config\":{\"greeting\":\"hey\"}}")));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).path("name").asText()).isEqualTo("Porto kiosk");
        JsonNode hello = json(server.send(server.request("/c/" + channelId + "/hello").GET()));
        assertThat(hello.path("greeting").asText()).isEqualTo("hey");
        assertThat(hello.path("hasApiKey").asBoolean()).as("secret kept").isTrue();

        assertThat(server.adminPost("/api/v1/channels/" + channelId + "/disable", "").statusCode()).isEqualTo(200);
        assertThat(server.send(server.request("/c/" + channelId + "/hello").GET()).statusCode()).isEqualTo(404);
        assertThat(server.send(server.admin("/api/v1/channels/" + channelId).DELETE()).statusCode()).isEqualTo(204);
        assertThat(server.adminGet("/api/v1/channels/" + channelId).statusCode()).isEqualTo(404);
    }
}
