package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/imports/customers} and {@code GET /api/v1/exports/customers.csv} over real HTTP. */
class CustomerCsvIT {

    private static final String IMPORT = "/api/v1/imports/customers";
    private static final String EXPORT = "/api/v1/exports/customers.csv";

    @TempDir
    static Path home;

    private static TestServer server;
    private static String analyst;
    private static String integrator;

    @BeforeAll
    static void start() {
        server = TestServer.start(home);
        analyst = token("analyst");
        integrator = token("integrator");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String role) {
        return json(server.adminPost("/api/v1/tokens", "{\"name\":\"" + role + "\",\"role\":\"" + role + "\"}"))
                .path("token").asText();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static HttpResponse<String> importCsv(TestServer target, String token, String query, String contentType, byte[] csv) {
        return target.send(target.request(IMPORT + query).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
    }

    private static HttpResponse<String> importCsv(String query, String csv) {
        return importCsv(server, TestServer.ADMIN_TOKEN, query, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode report(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static String exportText(TestServer target) {
        HttpResponse<String> response = target.adminGet(EXPORT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    static List<NamedCsvRecord> records(String csv) {
        return CsvReader.builder().ofNamedCsvRecord(csv).stream().toList();
    }

    /** The export's row of the customer with this email, if any. */
    private static Optional<NamedCsvRecord> row(String email) {
        return records(exportText(server)).stream()
                .filter(r -> r.findField("email").orElse("").lines().anyMatch(email::equals))
                .findFirst();
    }

    @Test
    void rowsWithQuotedCommasAndUtf8AreImportedAndBadRowsReportedByLineAndReason() {
        String ana = unique("ana");
        String jorg = unique("jorg");
        String bo = unique("bo");
        HttpResponse<String> response = importCsv("", String.join("\n",
                "email,phone,name,city",
                ana + ",+351912345678,\"Silva, Ana\",São Paulo",
                "not-an-email,,\"Müller, Jörg\",Łódź",
                ",,Nobody,Lisbon",
                jorg + ",,\"Müller",
                "Jörg\",Łódź",
                bo + ",12,Bo,Porto",
                bo + ",Bo,Porto",
                bo + ",,Bo,\"Kraków, PL\"") + "\n");

        JsonNode report = report(response);
        assertThat(report.path("rows").asLong()).isEqualTo(7);
        assertThat(report.path("created").asLong()).isEqualTo(3);
        assertThat(report.path("rejected").asLong()).isEqualTo(4);
        assertThat(report.path("errors")).extracting(e -> e.path("line").asLong(), e -> e.path("field").asText())
                .containsExactly(tuple(3L, "identities.email"), tuple(4L, "identities"), tuple(7L, "identities.phone"),
                        tuple(8L, "row"));
        assertThat(report.path("errors").get(3).path("detail").asText()).isEqualTo("has 3 cells where the header has 4");

        NamedCsvRecord anaRow = row(ana).orElseThrow();
        assertThat(anaRow.getField("name")).isEqualTo("Silva, Ana");
        assertThat(anaRow.getField("city")).isEqualTo("São Paulo");
        assertThat(anaRow.getField("phone")).as("quoted against formula injection").isEqualTo("'+351912345678");
        assertThat(row(jorg).orElseThrow().getField("name")).isEqualTo("Müller\nJörg");
        assertThat(row(jorg).orElseThrow().getField("city")).isEqualTo("Łódź");
        assertThat(row(bo).orElseThrow().getField("city")).isEqualTo("Kraków, PL");

        JsonNode audit = json(server.adminGet("/api/v1/audit?action=customer.import"));
        assertThat(audit.path("items").get(0).path("detail").asText())
                .isEqualTo("rows=7; created=3; updated=0; unchanged=0; merged=0; rejected=4")
                .doesNotContain("@");
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        String csv = "email,tier,city\n" + unique("a") + ",gold,São Paulo\n" + unique("b") + ",,Łódź\nnope,silver,\n";
        JsonNode first = report(importCsv("", csv));
        assertThat(first.path("created").asLong()).isEqualTo(2);
        String before = exportText(server);

        JsonNode again = report(importCsv("", csv));

        assertThat(again.path("created").asLong()).isZero();
        assertThat(again.path("updated").asLong()).isZero();
        assertThat(again.path("merged").asLong()).isZero();
        assertThat(again.path("unchanged").asLong()).isEqualTo(2);
        assertThat(again.path("errors")).isEqualTo(first.path("errors"));
        assertThat(exportText(server)).as("same customers, attributes, first and last seen").isEqualTo(before);
    }

    @Test
    void anImportSetsAttributesOfExistingCustomersWithoutMovingTheirFirstAndLastSeen() {
        String email = unique("seen");
        JsonNode created = json(server.adminPost("/api/v1/customers",
                "{\"identities\":{\"email\":\"" + email + "\"},\"attributes\":{\"tier\":\"bronze\",\"city\":\"Faro\"}}"));

        JsonNode report = report(importCsv("", "email,tier\n" + email + ",gold\n"));

        assertThat(report.path("updated").asLong()).isEqualTo(1);
        JsonNode after = json(server.adminGet("/api/v1/customers/" + created.path("id").asText()));
        assertThat(after.path("attributes").path("tier").asText()).isEqualTo("gold");
        assertThat(after.path("attributes").path("city").asText()).as("columns not in the file are kept").isEqualTo("Faro");
        assertThat(after.path("firstSeen")).isEqualTo(created.path("firstSeen"));
        assertThat(after.path("lastSeen")).isEqualTo(created.path("lastSeen"));
    }

    @Test
    void aRowNamingTwoCustomersMergesThemAndTheExportLeavesTheMergedOneOut() {
        String email = unique("merge");
        String phone = "+35191" + String.format("%07d", (int) (Math.random() * 10_000_000));
        String byEmail = json(server.adminPost("/api/v1/customers", "{\"identities\":{\"email\":\"" + email + "\"}}")).path("id").asText();
        String byPhone = json(server.adminPost("/api/v1/customers", "{\"identities\":{\"phone\":\"" + phone + "\"}}")).path("id").asText();

        JsonNode report = report(importCsv("", "email,phone\n" + email + "," + phone + "\n"));

        assertThat(report.path("merged").asLong()).isEqualTo(1);
        String export = exportText(server);
        assertThat(export).contains(byEmail).doesNotContain(byPhone);
        assertThat(row(email).orElseThrow().getField("phone")).isEqualTo("'" + phone);
    }

    @Test
    void theExportImportsBackIntoAFreshServerAsTheSameCustomers(@TempDir Path otherHome) {
        server.adminPost("/api/v1/customers", "{\"identities\":{\"email\":\"" + unique("x") + "\",\"visitor\":\"v-"
                + UUID.randomUUID() + "\",\"external:crm\":\"=C-" + UUID.randomUUID() + "\"},\"attributes\":{"
                + "\"tier\":\"gold\",\"id\":\"crm-7\",\"email\":\"work\",\"formula\":\"=SUM(A1:A9)\",\"quoted\":\"'x\","
                + "\"notes\":\"line 1\\nline 2, \\\"quoted\\\"\",\"visits\":3,\"vip\":true,\"padded\":\" São \"}}");
        String twoEmails = unique("two");
        report(importCsv("", "email,city\n\"" + twoEmails + "\n" + unique("other") + "\",Łódź\n"));
        HttpResponse<String> response = server.adminGet(EXPORT);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"customers.csv\"");
        String export = response.body();
        assertThat(export).contains(",'=SUM(A1:A9),", ",''x,");

        try (TestServer fresh = TestServer.start(otherHome)) {
            JsonNode report = report(importCsv(fresh, TestServer.ADMIN_TOKEN, "", "text/csv",
                    export.getBytes(StandardCharsets.UTF_8)));

            int customers = records(export).size();
            assertThat(report.path("created").asLong()).isEqualTo(customers);
            assertThat(report.path("rejected").asLong()).isZero();
            assertThat(withoutIdsAndTimes(exportText(fresh))).isEqualTo(withoutIdsAndTimes(export));
        }
    }

    /** The rows' identity and attribute cells (what a customer is, apart from its id and times), sorted. */
    private static List<List<String>> withoutIdsAndTimes(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<NamedCsvRecord> records = records(csv);
        rows.add(records.isEmpty() ? List.of() : records.get(0).getHeader().subList(4, records.get(0).getHeader().size()));
        records.stream().map(r -> r.getFields().subList(4, r.getFieldCount()))
                .sorted((a, b) -> String.join(",", a).compareTo(String.join(",", b))).forEach(rows::add);
        return rows;
    }

    @Test
    void badRequestsAreRefusedWithAProblemNamingTheField() {
        String csv = "email,name\n" + unique("bad") + ",Ana\n";
        Map<String, String> queries = Map.of(
                "?identity.fax=name", "identity.fax",
                "?identity.email=E-mail", "identity.email",
                "?attribute.name=name", "mapping",
                "?colour=red", "colour");
        queries.forEach((query, field) -> {
            HttpResponse<String> response = importCsv(query, csv);
            assertThat(response.statusCode()).as(query + " " + response.body()).isEqualTo(400);
            assertThat(problemFields(response)).as(query).containsExactly(field);
        });
        Map<String, String> files = Map.of(
                "", "file",
                "\n\n", "file",
                "email,name,email\na@example.com,Ana,b@example.com\n", "header",
                "name,city\nAna,Faro\n", "header",
                "email\n" + unique("kept") + "\n\"unclosed@example.com\n", "file");
        files.forEach((content, field) -> {
            HttpResponse<String> response = importCsv("", content);
            assertThat(response.statusCode()).as(content + " " + response.body()).isEqualTo(400);
            assertThat(problemFields(response)).as(content).containsExactly(field);
        });
        assertThat(exportText(server)).as("a file that is not CSV to its end imports nothing").doesNotContain("kept-");

        byte[] latin1 = "email,city\nana@example.com,S\u00e3o Paulo\n".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> notUtf8 = importCsv(server, TestServer.ADMIN_TOKEN, "", "text/csv", latin1);
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(json(notUtf8).path("detail").asText()).contains("not UTF-8 text (line 2)");

        HttpResponse<String> jsonBody = importCsv(server, TestServer.ADMIN_TOKEN, "", "application/json",
                "{\"email\":\"ana@example.com\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(jsonBody.statusCode()).isEqualTo(415);
        assertThat(importCsv(server, TestServer.ADMIN_TOKEN, "", "text/csv; charset=iso-8859-1", latin1).statusCode())
                .isEqualTo(415);
    }

    @Test
    void analystsExportButDoNotImportAndIntegratorsDoBoth() {
        byte[] csv = ("email\n" + unique("roles") + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(importCsv(server, analyst, "", "text/csv", csv).statusCode()).isEqualTo(403);
        assertThat(server.get(EXPORT, analyst).statusCode()).isEqualTo(200);
        assertThat(json(importCsv(server, integrator, "", "text/csv", csv)).path("created").asLong()).isEqualTo(1);
        assertThat(server.get(EXPORT, integrator).statusCode()).isEqualTo(200);
        assertThat(server.send(server.request(EXPORT).GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void aMultipartFormCarriesTheFileAndItsMapping() {
        String email = unique("form");
        String boundary = "opencem-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n"
                + "{\"identities\":{\"email\":\"E-mail\"},\"attributes\":{\"city\":\"Town\"}}\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nE-mail,Town,Ignored\n" + email + ",Łódź,x\r\n--" + boundary + "--\r\n";

        JsonNode report = report(importCsv(server, TestServer.ADMIN_TOKEN, "", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.path("created").asLong()).isEqualTo(1);
        NamedCsvRecord row = row(email).orElseThrow();
        assertThat(row.getField("city")).isEqualTo("Łódź");
        assertThat(row.findField("Ignored")).isEmpty();
    }
}
