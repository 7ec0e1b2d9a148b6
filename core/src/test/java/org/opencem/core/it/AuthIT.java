package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sessions, CSRF, API tokens and what each role may do on each route group. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthIT {

    TestServer server;
    Map<String, String> tokens;

    @BeforeAll
    void start(@TempDir Path home) {
        server = TestServer.start(home, "opencem-test-channel");
        tokens = Map.of("admin", TestServer.ADMIN_TOKEN, "integrator", token("integrator"), "analyst", token("analyst"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String token(String role) {
        HttpResponse<String> created = server.adminPost("/api/v1/tokens", "{\"name\":\"it-" + role + "\",\"role\":\"" + role + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("token").asText();
    }

    private HttpResponse<String> login(String email, String password) {
        return server.send(server.request("/api/v1/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")));
    }

    static Stream<Arguments> routeGroups() {
        return Stream.of(
                // method, path, body, admin, integrator, analyst
                Arguments.of("GET", "/api/v1/plugins", null, 200, 200, 403),
                Arguments.of("POST", "/api/v1/plugins/test-channel/enable", "", 200, 200, 403),
                Arguments.of("GET", "/api/v1/extensions", null, 200, 200, 200),
                Arguments.of("GET", "/api/v1/channels", null, 200, 200, 200),
                Arguments.of("POST", "/api/v1/channels", "{\"type\":\"fax\",\"name\":\"x\"}", 400, 400, 403),
                Arguments.of("GET", "/api/v1/tokens", null, 200, 200, 403),
                Arguments.of("POST", "/api/v1/tokens", "{\"name\":\"t\",\"role\":\"analyst\"}", 201, 403, 403),
                Arguments.of("GET", "/api/v1/users", null, 200, 403, 403),
                Arguments.of("POST", "/api/v1/users", "{}", 400, 403, 403),
                Arguments.of("DELETE", "/api/v1/tokens/00000000-0000-0000-0000-000000000000", "", 404, 404, 403),
                Arguments.of("GET", "/api/v1/auth/me", null, 200, 200, 200));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routeGroups")
    void eachRoleGetsWhatItsRoleAllowsAndAnonymousGets401(String method, String path, String body, int admin,
                                                          int integrator, int analyst) {
        Map<String, Integer> expected = Map.of("admin", admin, "integrator", integrator, "analyst", analyst);
        for (var role : expected.entrySet()) {
            HttpRequest.Builder request = server.request(path).header("Authorization", "Bearer " + tokens.get(role.getKey()));
            HttpResponse<String> response = server.send(body == null ? request.GET()
                    : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).as(role.getKey() + " " + method + " " + path + ": " + response.body())
                    .isEqualTo(role.getValue());
        }
        HttpRequest.Builder anonymous = server.request(path);
        HttpResponse<String> response = server.send(body == null ? anonymous.GET()
                : anonymous.method(method, HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void anIntegratorCannotMintAnAdminToken() {
        HttpResponse<String> response = server.postJson("/api/v1/tokens", tokens.get("integrator"),
                "{\"name\":\"escalate\",\"role\":\"admin\"}");
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void tokensAreShownOnceAndARevokedTokenIsRefusedAtOnce() {
        HttpResponse<String> created = server.adminPost("/api/v1/tokens", "{\"name\":\"short-lived\",\"role\":\"analyst\"}");
        String token = json(created).path("token").asText();
        String id = json(created).path("id").asText();
        assertThat(server.get("/api/v1/channels", token).statusCode()).isEqualTo(200);
        assertThat(server.adminGet("/api/v1/tokens").body()).contains("short-lived").doesNotContain(token);

        assertThat(server.send(server.admin("/api/v1/tokens/" + id).DELETE()).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/v1/channels", token).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/v1/channels", "ocm_" + "x".repeat(43)).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        HttpResponse<String> wrong = login(TestServer.ADMIN_EMAIL, "not the password");
        HttpResponse<String> unknown = login("nobody@example.com", "not the password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("detail")).isEqualTo(json(unknown).path("detail"));
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void sessionCookieAuthenticatesAndCookieWritesNeedTheCsrfToken() {
        HttpResponse<String> login = login(TestServer.ADMIN_EMAIL.toUpperCase(), TestServer.ADMIN_PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = json(login).path("csrfToken").asText();

        HttpResponse<String> me = server.send(server.request("/api/v1/auth/me").header("Cookie", cookie).GET());
        assertThat(json(me).path("role").asText()).isEqualTo("admin");

        String body = "{\"name\":\"from-console\",\"role\":\"analyst\"}";
        HttpResponse<String> noCsrf = server.send(server.request("/api/v1/tokens").header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> withCsrf = server.send(server.request("/api/v1/tokens").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(withCsrf.statusCode()).isEqualTo(201);

        HttpResponse<String> logout = server.send(server.request("/api/v1/auth/logout").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(server.send(server.request("/api/v1/auth/me").header("Cookie", cookie).GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void anAdminCreatesAnAnalystWhoseSessionHasTheAnalystRoleAndCanChangeItsPassword() {
        HttpResponse<String> created = server.adminPost("/api/v1/users",
                "{\"email\":\"Ana@Example.com\",\"password\":\"analyst password 1\",\"role\":\"analyst\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("analyst password 1");
        assertThat(server.adminPost("/api/v1/users",
                "{\"email\":\"ana@example.com\",\"password\":\"another password\",\"role\":\"admin\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> weak = server.adminPost("/api/v1/users", "{\"email\":\"x\",\"password\":\"short\",\"role\":\"boss\"}");
        assertThat(JsonAssertions.problemFields(weak)).containsExactlyInAnyOrder("email", "password", "role");

        HttpResponse<String> login = login("ana@example.com", "analyst password 1");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = json(login).path("csrfToken").asText();
        assertThat(server.send(server.request("/api/v1/plugins").header("Cookie", cookie).GET()).statusCode()).isEqualTo(403);
        assertThat(server.send(server.request("/api/v1/channels").header("Cookie", cookie).GET()).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = server.send(server.request("/api/v1/auth/password").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"currentPassword\":\"analyst password 1\",\"newPassword\":\"analyst password 2\"}")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(login("ana@example.com", "analyst password 1").statusCode()).isEqualTo(401);
        assertThat(login("ana@example.com", "analyst password 2").statusCode()).isEqualTo(200);
    }

    @Test
    void repeatedLoginFailuresAreRateLimited() {
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            if (login("victim@example.com", "guess-" + i).statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).as("attempts past 5 a minute for one account").isGreaterThanOrEqualTo(3);
    }
}
