package org.opencem.core.customer.csv;

import org.opencem.api.customer.Identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.core.MultiMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencem.core.customer.IdentityNormalizer;
import org.opencem.core.http.Problem;
import org.opencem.core.http.ProblemException;

/** Reading CSV files through a column mapping, without a server. */
class CsvRowsTest {

    private final IdentityNormalizer normalizer = new IdentityNormalizer("PT");

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return file(content.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "rows-", ".csv");
        Files.write(file, content);
        return file;
    }

    private List<ParsedRow> rows(Path file, ColumnMapping mapping) throws IOException {
        try (CsvFile csv = CsvFile.open(file)) {
            RowParser parser = mapping.bind(csv.header(), normalizer);
            List<ParsedRow> rows = new ArrayList<>();
            for (var record = csv.next(); record.isPresent(); record = csv.next()) {
                rows.add(parser.parse(record.get()));
            }
            return rows;
        }
    }

    private static List<String> fields(ProblemException problem) {
        return problem.errors().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void quotedCommasLineBreaksAndUtf8NamesAreReadWithThePhysicalLineOfEachRow() throws IOException {
        List<ParsedRow> rows = rows(file("""
                email,name,city
                ana@example.com,"Silva, Ana",São Paulo
                jorg@example.com,"Müller
                Jörg",Łódź
                "bo@example.com",Bo,"Kraków, ""PL""\"
                """), ColumnMapping.byHeader());

        assertThat(rows).extracting(ParsedRow::line).containsExactly(2L, 3L, 5L);
        assertThat(rows.get(0).attributes()).isEqualTo(Map.of("name", "Silva, Ana", "city", "São Paulo"));
        assertThat(rows.get(1).attributes()).isEqualTo(Map.of("name", "Müller\nJörg", "city", "Łódź"));
        assertThat(rows.get(2).attributes()).isEqualTo(Map.of("name", "Bo", "city", "Kraków, \"PL\""));
        assertThat(rows.get(2).identities()).containsExactly(new Identity("email", "bo@example.com"));
    }

    @Test
    void badRowsAreRefusedWithTheirLineFieldAndReason() throws IOException {
        List<ParsedRow> rows = rows(file("""
                email,phone,tier
                not-an-email,,gold
                ,,silver
                ana@example.com,12,gold
                ana@example.com,gold
                ok@example.com,,
                """), ColumnMapping.byHeader());

        assertThat(rows).extracting(ParsedRow::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(rows.subList(0, 4)).allMatch(ParsedRow::rejected);
        assertThat(rows.subList(0, 4)).flatExtracting(ParsedRow::errors).extracting(RowError::line, RowError::field)
                .containsExactly(tuple(2L, "identities.email"),
                        tuple(3L, "identities"),
                        tuple(4L, "identities.phone"),
                        tuple(5L, "row"));
        assertThat(rows.get(3).errors().get(0).detail()).isEqualTo("has 2 cells where the header has 3");
        assertThat(rows.get(4).rejected()).isFalse();
        assertThat(rows.get(4).attributes()).as("an empty cell leaves the attribute out").isEmpty();
    }

    @Test
    void severalIdentitiesOfATypeShareACellOnePerLine() throws IOException {
        List<ParsedRow> rows = rows(file("email,phone\n\"ana@example.com\nANA@work.example\",'+351912345678\n"),
                ColumnMapping.byHeader());

        assertThat(rows.get(0).identities()).containsExactly(new Identity("email", "ana@example.com"),
                new Identity("email", "ana@work.example"), new Identity("phone", "+351912345678"));
    }

    @Test
    void theHeaderDecidesWithoutAMappingSkippingTheExportsOwnColumnsAndAByteOrderMark() throws IOException {
        List<ParsedRow> rows = rows(file("""
                \uFEFFid,created_at,first_seen,last_seen,Email,external:crm,attribute.email,tier
                7,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,ana@example.com,C-1,work,gold
                """), ColumnMapping.byHeader());

        assertThat(rows.get(0).identities()).containsExactly(new Identity("email", "ana@example.com"),
                new Identity("external:crm", "C-1"));
        assertThat(rows.get(0).attributes()).isEqualTo(Map.of("email", "work", "tier", "gold"));
    }

    @Test
    void anExplicitMappingReadsOnlyTheColumnsItNames() throws IOException {
        MultiMap params = MultiMap.caseInsensitiveMultiMap().add("identity.email", "E-mail").add("attribute.name", "Full name");
        List<ParsedRow> rows = rows(file("E-mail,Full name,phone\nana@example.com,Ana,+351912345678\n"),
                ColumnMapping.fromQuery(params, normalizer));

        assertThat(rows.get(0).identities()).containsExactly(new Identity("email", "ana@example.com"));
        assertThat(rows.get(0).attributes()).isEqualTo(Map.of("name", "Ana"));
    }

    @Test
    void mappingErrorsNameTheParameter() throws IOException {
        MultiMap unknownType = MultiMap.caseInsensitiveMultiMap().add("identity.fax", "Fax").add("colour", "red");
        assertThatThrownBy(() -> ColumnMapping.fromQuery(unknownType, normalizer))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(fields(p))
                        .containsExactlyInAnyOrder("identity.fax", "colour"));

        MultiMap missingColumn = MultiMap.caseInsensitiveMultiMap().add("identity.email", "E-mail");
        Path file = file("email,name\nana@example.com,Ana\n");
        assertThatThrownBy(() -> rows(file, ColumnMapping.fromQuery(missingColumn, normalizer)))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(fields(p)).containsExactly("identity.email");
                    assertThat(p.errors().get(0).message()).contains("'E-mail' is not in the header", "email, name");
                });

        assertThatThrownBy(() -> ColumnMapping.fromJson("{\"identities\": {\"email\": 3}, \"extra\": {}}", normalizer))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(fields(p))
                        .containsExactlyInAnyOrder("mapping.identities.email", "mapping.extra"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"email,tier,email\na@example.com,gold,b@example.com\n", "tier,name\ngold,Ana\n",
            "email,external:Not_Kebab\na@example.com,1\n", "email,Email\na@example.com,b@example.com\n",
            "email,tier,attribute.tier\na@example.com,gold,silver\n"})
    void aHeaderThatCannotBeReadIsRefusedNamingTheHeader(String content) throws IOException {
        Path file = file(content);
        assertThatThrownBy(() -> rows(file, ColumnMapping.byHeader()))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(fields(p)).containsOnly("header"));
    }

    @Test
    void filesThatAreEmptyOrNotCsvAreRefusedNamingTheFile() throws IOException {
        for (byte[] content : List.of(new byte[0], "\n\n".getBytes(StandardCharsets.UTF_8),
                "email\n\"ana@example.com\n".getBytes(StandardCharsets.UTF_8),
                "email\n\"ana\"x@example.com\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {'e', 'm', 'a', 'i', 'l', '\n', (byte) 0xC3, (byte) 0x28, '\n'},
                ("email\n\"" + "a".repeat(70_000) + "\"\n").getBytes(StandardCharsets.UTF_8))) {
            Path file = file(content);
            assertThatThrownBy(() -> rows(file, ColumnMapping.byHeader())).as(new String(content, 0, Math.min(content.length, 40), StandardCharsets.UTF_8))
                    .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(fields(p)).containsExactly("file"));
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"=SUM(A1:A9)", "+351912345678", "-5", "@cmd", "\tx", "'quoted", "''", "'=x", "plain", "'",
            "a=b", ""})
    void escapedCellsReadBackAsTheyWereAndNeverStartAFormula(String value) {
        String cell = CsvCells.escape(value);

        assertThat(CsvCells.unescape(cell)).isEqualTo(value);
        assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"tier", "email", "ID", "created_at", "attribute.x", "external:crm", "Phone", " padded ", "=x"})
    void everyAttributeKeyHasAColumnNameThatImportsBackAsIt(String key) throws IOException {
        String column = CsvCells.escape(ColumnMapping.attributeColumn(key, normalizer));
        Path file = file("email,\"" + column + "\"\nana@example.com,v\n");

        assertThat(rows(file, ColumnMapping.byHeader()).get(0).attributes()).isEqualTo(Map.of(key, "v"));
    }
}
