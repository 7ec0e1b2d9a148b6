package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large CSV imports: streamed in, stored in chunks, answered after longer than the connection's idle
 * timeout, refused past the upload limit, and never leaving temporary files behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerCsvStreamingIT {

    private static final int GOOD_ROWS = 20_000;
    private static final int BAD_ROWS = 1_500;
    private static final int IDLE_TIMEOUT_SECONDS = 1;
    private static final long MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

    private TestServer server;
    private Path data;

    @BeforeAll
    void start(@TempDir Path home) {
        server = TestServer.start(home, Map.of("OPENCEM_HTTP_IDLE_TIMEOUT_SECONDS", String.valueOf(IDLE_TIMEOUT_SECONDS),
                "OPENCEM_IMPORTS_MAX_UPLOAD_BYTES", String.valueOf(MAX_UPLOAD_BYTES)));
        data = home.resolve("data");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body, boolean expectContinue) {
        return send(HttpRequest.newBuilder(server.uri("/api/v1/imports/customers")).expectContinue(expectContinue)
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "text/csv")
                .POST(body));
    }

    /** A new connection each time: the server closes idle ones after a second. */
    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Chunked, as when a client streams a file it is still reading, and sent once the server answered
     * 100 Continue, as curl sends large files.
     */
    private HttpResponse<String> postStreamed(byte[] csv) {
        return post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(csv)), true);
    }

    private byte[] bigFile() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("email,tier,city\n");
        for (int i = 0; i < GOOD_ROWS + BAD_ROWS; i++) {
            if (i % 14 == 13 && i / 14 < BAD_ROWS) {
                csv.append("not-an-email-").append(i).append(",gold,Łódź\n");
            } else {
                csv.append("c").append(i).append('-').append(run).append("@example.com,gold,\"São Paulo, SP\"\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long temporaryFiles() throws IOException {
        Path tmp = data.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.count();
        }
    }

    @Test
    void aLargeFileIsStreamedInAndReportedEvenWhenStoringItOutlastsTheIdleTimeout() throws IOException {
        byte[] csv = bigFile();

        long start = System.nanoTime();
        HttpResponse<String> response = postStreamed(csv);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("rows").asLong()).isEqualTo(GOOD_ROWS + BAD_ROWS);
        assertThat(report.path("created").asLong()).isEqualTo(GOOD_ROWS);
        assertThat(report.path("rejected").asLong()).isEqualTo(BAD_ROWS);
        assertThat(report.path("errors")).as("the first 1000 reasons").hasSize(1000);
        assertThat(report.path("errors").get(0).path("line").asLong()).as("row 13 is on line 15").isEqualTo(15);
        assertThat(report.path("errors").get(999).path("line").asLong()).isEqualTo(2 + 13 + 999 * 14);
        assertThat(took).as("the import outlasted the idle timeout, so its connection had to be kept alive")
                .isGreaterThan(Duration.ofSeconds(IDLE_TIMEOUT_SECONDS));
        System.out.printf("Imported %d rows (%d KiB) in %d ms%n", GOOD_ROWS + BAD_ROWS, csv.length / 1024, took.toMillis());

        long again = System.nanoTime();
        JsonNode reimport = json(postStreamed(csv));
        System.out.printf("Imported them again in %d ms%n", Duration.ofNanos(System.nanoTime() - again).toMillis());
        assertThat(reimport.path("unchanged").asLong()).isEqualTo(GOOD_ROWS);
        assertThat(reimport.path("created").asLong() + reimport.path("updated").asLong()).isZero();
        assertThat(temporaryFiles()).as("the uploads are deleted").isZero();

        List<NamedCsvRecord> exported = CustomerCsvIT.records(send(HttpRequest.newBuilder(server.uri(
                "/api/v1/exports/customers.csv")).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)).body());
        assertThat(exported).as("every page of the export, each customer once").hasSize(GOOD_ROWS)
                .extracting(r -> r.getField("id")).doesNotHaveDuplicates();
    }

    @Test
    void aFileOverTheUploadLimitIsRefusedWith413AndLeavesNoFileBehind() throws IOException {
        byte[] csv = new byte[(int) MAX_UPLOAD_BYTES + 1];
        byte[] row = "x@example.com,gold\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < csv.length; i++) {
            csv[i] = row[i % row.length];
        }

        HttpResponse<String> streamed = postStreamed(csv);
        HttpResponse<String> declared = post(HttpRequest.BodyPublishers.ofByteArray(csv), false);

        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(413);
        assertThat(json(streamed).path("detail").asText()).contains("imports.maxUploadBytes");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
        assertThat(temporaryFiles()).isZero();
    }
}
