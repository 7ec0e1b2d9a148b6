package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check every IT answer goes through: it must catch answers the document does not promise, and only those. */
class ResponseContractTest {

    private static final HttpHeaders JSON = headers("Content-Type", "application/json; charset=utf-8");
    private static final HttpHeaders PROBLEM = headers("Content-Type", "application/problem+json; charset=utf-8");
    private static final HttpHeaders NONE = headers();
    private static final String EVENTS = "/api/v1/events";
    private static final String CUSTOMER = "/api/v1/customers/0b7e4a52-8a43-4f7e-9d3c-1b6c2f0a9e11";
    private static final String ANSWER = "{\"id\":\"evt-1\",\"customerId\":\"0b7e4a52-8a43-4f7e-9d3c-1b6c2f0a9e11\","
            + "\"status\":\"created\"}";

    private final ResponseContract contract = ResponseContract.get();

    /** @param nameThenValue header names each followed by its value @return the headers */
    private static HttpHeaders headers(String... nameThenValue) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValue.length; i += 2) {
            map.put(nameThenValue[i], List.of(nameThenValue[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    @Test
    void aDocumentedAnswerPasses() {
        assertThatCode(() -> contract.check("POST", EVENTS, 201, JSON, ANSWER)).doesNotThrowAnyException();
        assertThatCode(() -> contract.check("POST", EVENTS, 409, PROBLEM,
                "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"x\","
                        + "\"instance\":\"/api/v1/events\"}"))
                .doesNotThrowAnyException();
        assertThatCode(() -> contract.check("DELETE", CUSTOMER, 204, NONE, "")).doesNotThrowAnyException();
    }

    @Test
    void aBodyBreakingItsSchemaFailsNamingTheOperationStatusPlaceAndKeyword() {
        assertThatThrownBy(() -> contract.check("POST", EVENTS, 201, JSON, ANSWER.replace("created", "stored")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /api/v1/events (ingestEvent) answered 201")
                .hasMessageContaining("'#/status'")
                .hasMessageContaining("enum");
        assertThatThrownBy(() -> contract.check("POST", EVENTS, 201, JSON, "{\"id\":\"evt-1\",\"status\":\"created\"}"))
                .hasMessageContaining("required");
    }

    @Test
    void aFieldTheDocumentDoesNotNameFails() {
        assertThatThrownBy(() -> contract.check("POST", EVENTS, 201, JSON, ANSWER.replace("{", "{\"stored\":true,")))
                .hasMessageContaining("'#/stored'")
                .hasMessageContaining("unevaluatedProperties");
    }

    @Test
    void anObjectMadeOfSeveralSchemasMayHoldTheFieldsOfEach() {
        String token = "{\"id\":\"0b7e4a52-8a43-4f7e-9d3c-1b6c2f0a9e11\",\"name\":\"crm\",\"role\":\"analyst\","
                + "\"createdBy\":\"token:admin\",\"createdAt\":\"2026-11-20T10:15:00Z\",\"token\":\"ocm_x\"}";
        assertThatCode(() -> contract.check("POST", "/api/v1/tokens", 201, JSON, token)).doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("POST", "/api/v1/tokens", 201, JSON, token.replace("{", "{\"secret\":1,")))
                .hasMessageContaining("'#/secret'");
    }

    @Test
    void aBadItemOfSeveralKindsIsExplainedByTheSchemaOfItsKindOnly() {
        String merge = "{\"items\":[{\"kind\":\"merge\",\"at\":\"2026-11-20T10:15:00Z\","
                + "\"mergedId\":\"0b7e4a52-8a43-4f7e-9d3c-1b6c2f0a9e11\",\"reason\":\"manual merge\"}],\"next\":null}";
        assertThatThrownBy(() -> contract.check("GET", CUSTOMER + "/timeline", 200, JSON, merge))
                .hasMessageContaining("required property \"survivorId\"")
                .message().doesNotContain("required property \"touchpoint\"");
    }

    @Test
    void anUndocumentedStatusFailsEvenWithoutABody() {
        assertThatThrownBy(() -> contract.check("DELETE", CUSTOMER, 202, NONE, ""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DELETE /api/v1/customers/{id} (eraseCustomer) answered 202,")
                .hasMessageContaining("which the document does not list");
    }

    @Test
    void anAnswerWithoutAHeaderItsStatusRequiresFails() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503}";
        assertThatThrownBy(() -> contract.check("POST", EVENTS, 503, PROBLEM, problem))
                .hasMessageContaining("answered 503 without its header Retry-After");
        HttpHeaders retry = headers("Content-Type", "application/problem+json", "Retry-After", "1");
        assertThatCode(() -> contract.check("POST", EVENTS, 503, retry, problem)).doesNotThrowAnyException();
    }

    @Test
    void anUndocumentedMediaTypeFails() {
        assertThatThrownBy(() -> contract.check("POST", EVENTS, 201, headers("Content-Type", "text/plain"), ANSWER))
                .hasMessageContaining("as 'text/plain'");
    }

    @Test
    void bodiesOtherThanJsonAreNotReadButTheirStatusIsChecked() {
        String export = "/api/v1/exports/customers.csv";
        HttpHeaders csv = headers("Content-Type", "text/csv; charset=utf-8",
                "Content-Disposition", "attachment; filename=\"customers.csv\"");
        assertThatCode(() -> contract.check("GET", export, 200, csv, "id,email\n")).doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("GET", export, 201, csv, ""))
                .hasMessageContaining("answered 201");
    }

    @Test
    void requestsTheDocumentDoesNotDescribeMustBeRefusedWithAProblem() {
        String notFound = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}";
        assertThatCode(() -> contract.check("GET", "/api/v1/no-such-thing", 404, PROBLEM, notFound))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("GET", "/api/v1/no-such-thing", 200, JSON, "{}"))
                .hasMessageContaining("only 401, 404 or 405");
        assertThatThrownBy(() -> contract.check("GET", "/api/v1/no-such-thing", 404, PROBLEM, "{\"title\":\"Not Found\"}"))
                .hasMessageContaining("required");
    }

    @Test
    void answersOutsideTheApiAreNotTheDocuments() {
        assertThatCode(() -> contract.check("GET", "/health/live", 200, headers("Content-Type", "text/plain"), "up"))
                .doesNotThrowAnyException();
    }
}
