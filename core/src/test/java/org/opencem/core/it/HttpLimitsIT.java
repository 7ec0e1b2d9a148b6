package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Limits, deadlines, problem answers, security headers, health and metrics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpLimitsIT {

    TestServer server;

    @BeforeAll
    void start(@TempDir Path home) {
        server = TestServer.start(home, Map.of("OPENCEM_HTTP_HEADER_TIMEOUT_SECONDS", "1",
                "OPENCEM_HTTP_MAX_BODY_BYTES", "4096"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void oversizedBodyIsRefusedWith413FromItsLengthAlone() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer.ADMIN_TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 413");
        }
        assertThat(json(server.adminGet("/api/v1/tokens"))).as("only the bootstrap token").hasSize(1);
    }

    @Test
    void malformedJsonAndWrongTypesAre400NamingTheProblem() {
        HttpResponse<String> malformed = server.adminPost("/api/v1/tokens", "{\"name\": \"x\", ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("detail").asText()).contains("malformed JSON");

        HttpResponse<String> wrongTypes = server.adminPost("/api/v1/tokens", "{\"name\": 42, \"role\": \"root\"}");
        assertThat(wrongTypes.statusCode()).isEqualTo(400);
        assertThat(problemFields(wrongTypes)).containsExactlyInAnyOrder("name", "role");

        HttpResponse<String> deep = server.adminPost("/api/v1/tokens", "[".repeat(2000) + "]".repeat(2000));
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(json(server.adminGet("/api/v1/tokens"))).as("only the bootstrap token").hasSize(1);
    }

    @Test
    void aClientTricklingHeadersIsDisconnectedAtTheHeaderDeadline() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            out.write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            socket.setSoTimeout(200);
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    out.write('a');
                    out.flush();
                    closed = in.read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // no answer yet: keep trickling, one byte every 200 ms
                } catch (IOException reset) {
                    closed = true;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(closed).as("connection closed while the client was still sending headers").isTrue();
            assertThat(seconds).as("closed near the 1 s deadline").isLessThan(3.0);
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndErrorsAreProblemJson() {
        HttpResponse<String> missing = server.send(server.request("/no/such/page").GET());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(missing).path("status").asInt()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(missing.headers().firstValue("Referrer-Policy")).isPresent();
        assertThat(missing.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");

        HttpResponse<String> channel = server.send(server.request("/c/unknown/page").GET());
        assertThat(channel.headers().firstValue("Content-Security-Policy")).as("channel pages may be embedded").isEmpty();
    }

    @Test
    void healthAndMetricsAnswerWithoutLogin() {
        HttpResponse<String> ready = server.send(server.request("/health/ready").GET());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("status").asText()).isEqualTo("UP");
        assertThat(server.send(server.request("/health/live").GET()).statusCode()).isEqualTo(200);
        server.adminGet("/api/v1/plugins");
        HttpResponse<String> metrics = server.send(server.request("/metrics").GET());
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count");
        assertThat(metrics.body()).doesNotContain(TestServer.ADMIN_TOKEN);
    }

    @Test
    void unknownPathParameterIdsAre404NotServerErrors() {
        assertThat(server.adminGet("/api/v1/channels/not-a-uuid").statusCode()).isEqualTo(404);
        assertThat(server.adminPost("/api/v1/plugins/nope/enable", "").statusCode()).isEqualTo(404);
        HttpResponse<String> noBody = server.send(server.admin("/api/v1/tokens").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noBody.statusCode()).isEqualTo(400);
    }
}
