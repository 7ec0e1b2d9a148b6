package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log of admin actions, read back over the API. */
class AuditIT {

    @TempDir
    Path home;

    @Test
    void adminActionsAreAuditedNewestFirstWithoutSecretsAndPageByCursor() {
        try (TestServer server = TestServer.start(home, "opencem-metric-nps")) {
            HttpResponse<String> created = server.adminPost("/api/v1/tokens", "{\"name\":\"crm\",\"role\":\"analyst\"}");
            String token = json(created).path("token").asText();
            server.adminPost("/api/v1/plugins/metric-nps/disable", "");

            HttpResponse<String> audit = server.adminGet("/api/v1/audit");
            assertThat(audit.statusCode()).isEqualTo(200);
            assertThat(audit.body()).doesNotContain(token, TestServer.ADMIN_TOKEN, TestServer.ADMIN_PASSWORD);
            JsonNode items = json(audit).path("items");
            assertThat(items.get(0).path("action").asText()).isEqualTo("plugin.disable");
            assertThat(items.get(0).path("actor").asText()).isEqualTo("token:bootstrap");
            assertThat(items.get(1).path("action").asText()).isEqualTo("token.create");
            assertThat(items.findValuesAsText("action")).contains("user.bootstrap", "token.bootstrap");

            List<String> paged = new ArrayList<>();
            String cursor = "";
            do {
                JsonNode page = json(server.adminGet("/api/v1/audit?limit=1" + (cursor.isEmpty() ? "" : "&cursor=" + cursor)));
                assertThat(page.path("items")).hasSizeLessThanOrEqualTo(1);
                page.path("items").forEach(item -> paged.add(item.path("id").asText()));
                cursor = page.path("next").asText("");
            } while (!cursor.isEmpty());
            assertThat(paged).containsExactlyElementsOf(items.findValuesAsText("id"));

            assertThat(json(server.adminGet("/api/v1/audit?action=token.create")).path("items")).hasSize(1);
            assertThat(server.adminGet("/api/v1/audit?limit=0").statusCode()).isEqualTo(400);
            assertThat(server.get("/api/v1/audit", token).statusCode()).as("analysts may not read it").isEqualTo(403);
        }
    }
}
