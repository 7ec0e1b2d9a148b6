package org.opencem.core.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencem.core.auth.Role;

/** The document loads, its roles read as they are written, and a route it does not describe is refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteCoverageTest {

    Vertx vertx;
    ApiContract contract;

    @BeforeAll
    void load() {
        vertx = Vertx.vertx();
        contract = ApiContract.load(vertx);
    }

    @AfterAll
    void close() {
        vertx.close().await();
    }

    @Test
    void aRouteTheDocumentDoesNotDescribeIsNamedAndRefused() {
        Router api = Router.router(vertx);
        api.route().handler(ctx -> ctx.next());
        api.get("/tokens").handler(ctx -> ctx.end());
        api.delete("/tokens/:id").handler(ctx -> ctx.end());
        api.post("/tokens/:id/rotate").handler(ctx -> ctx.end());
        api.route("/raw/*").handler(ctx -> ctx.end());

        assertThat(RouteCoverage.served(api, "/api/v1")).containsExactly("GET /api/v1/tokens", "DELETE /api/v1/tokens/{id}",
                "POST /api/v1/tokens/{id}/rotate", "ANY /api/v1/raw/");
        assertThatThrownBy(() -> RouteCoverage.requireDocumented(api, "/api/v1", contract))
                .hasMessageContaining("POST /api/v1/tokens/{id}/rotate").hasMessageContaining("ANY /api/v1/raw/")
                .hasMessageNotContaining("GET /api/v1/tokens,");
    }

    @Test
    void theRolesInEachDescriptionAreTheRolesTheOperationEnforces() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(contract.document()).path("paths");
        for (OperationCheck operation : contract.operations()) {
            String description = paths.path(operation.path()).path(operation.method().name().toLowerCase()).path("description").asText();
            String expected = operation.isPublic() ? "Roles: public" : operation.roles().isEmpty() ? "Roles: any"
                    : "Roles: " + operation.roles().stream().sorted().map(Role::id).collect(Collectors.joining(", "));
            assertThat(description).as(operation.toString()).startsWith(expected);
        }
    }

    @Test
    void everyOperationHasAnIdAndTheAgreedRoles() {
        Map<String, OperationCheck> byId = contract.operations().stream()
                .collect(Collectors.toMap(OperationCheck::operationId, o -> o));
        assertThat(new TreeSet<>(byId.keySet())).hasSize(contract.operations().size());
        assertThat(byId.get("login").isPublic()).isTrue();
        assertThat(byId.get("getOpenApiDocument").isPublic()).isTrue();
        assertThat(byId.get("eraseCustomer").roles()).containsExactly(Role.ADMIN);
        assertThat(byId.get("ingestEvent").roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.INTEGRATOR);
        assertThat(byId.get("exportCustomer").roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.INTEGRATOR, Role.ANALYST);
        assertThat(byId.get("getMe").isPublic()).isFalse();
        assertThat(byId.get("getMe").roles()).isEmpty();
    }
}
