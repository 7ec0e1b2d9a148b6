package org.opencem.core.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Reads JSON answers in tests. */
final class JsonAssertions {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonAssertions() {
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** @return the {@code field} of each {@code errors} entry of a problem answer */
    static List<String> problemFields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        json(response).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    /** @return the state of a plugin in {@code GET /api/v1/plugins}, or "absent" */
    static String pluginState(HttpResponse<String> plugins, String id) {
        for (JsonNode plugin : json(plugins)) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin.path("state").asText();
            }
        }
        return "absent";
    }
}
