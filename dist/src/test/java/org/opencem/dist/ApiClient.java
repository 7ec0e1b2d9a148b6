package org.opencem.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A JSON client of a started distribution's {@code /api/v1}, authenticated with an API token. */
final class ApiClient {

    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param body the JSON body, or a missing node when there is none
     * @param text the body as sent
     */
    record Answer(int status, JsonNode body, String text) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String token;

    ApiClient(int port, String token) {
        this.base = URI.create("http://127.0.0.1:" + port + "/api/v1/");
        this.token = token;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Answer post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    private Answer send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = answer.body();
        JsonNode node = text.isBlank() ? json.missingNode() : json.readTree(text);
        return new Answer(answer.statusCode(), node, text);
    }
}
