package org.opencem.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    private Optional<Path> yaml(String content) throws IOException {
        Path file = dir.resolve("opencem.yaml");
        Files.writeString(file, content);
        return Optional.of(file);
    }

    @Test
    void defaultsApplyWithoutFileOrEnvironment() {
        ServerConfig config = loader.load(Optional.empty(), Map.of());

        assertThat(config).isEqualTo(new ServerConfig(
                new ServerConfig.Http("0.0.0.0", 8080, 1_048_576, 10, 60, false),
                Path.of("./data"),
                new ServerConfig.Db(Optional.empty(), "", "", 10),
                new ServerConfig.Plugins(Path.of("./plugins"), 52_428_800),
                new ServerConfig.Admin(Optional.empty(), Optional.empty(), Optional.empty()),
                ZoneId.of("UTC"),
                new ServerConfig.Customers("US"),
                new ServerConfig.Imports(1_073_741_824)));
    }

    @Test
    void yamlFileOverridesDefaultsAndKeepsTheRest() throws IOException {
        ServerConfig config = loader.load(yaml("""
                http:
                  host: 127.0.0.1
                  port: 9090
                  secureCookies: true
                db:
                  url: jdbc:postgresql://db.example/opencem
                  user: cem
                  poolSize: 3
                admin:
                  email: admin@example.com
                reporting:
                  timeZone: Europe/Paris
                """), Map.of());

        assertThat(config.http()).isEqualTo(new ServerConfig.Http("127.0.0.1", 9090, 1_048_576, 10, 60, true));
        assertThat(config.db()).isEqualTo(
                new ServerConfig.Db(Optional.of("jdbc:postgresql://db.example/opencem"), "cem", "", 3));
        assertThat(config.admin().email()).contains("admin@example.com");
        assertThat(config.admin().password()).isEmpty();
        assertThat(config.reportingZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    }

    @Test
    void emptyYamlFileKeepsDefaults() throws IOException {
        assertThat(loader.load(yaml(""), Map.of())).isEqualTo(loader.load(Optional.empty(), Map.of()));
    }

    @Test
    void nullYamlValueKeepsTheDefault() throws IOException {
        ServerConfig config = loader.load(yaml("""
                http:
                  port:
                """), Map.of());

        assertThat(config.http().port()).isEqualTo(8080);
    }

    @Test
    void environmentOverridesFileAndDefaults() throws IOException {
        ServerConfig config = loader.load(yaml("""
                http:
                  port: 9090
                data:
                  dir: /from/file
                """), Map.of(
                "OPENCEM_HTTP_PORT", "7070",
                "OPENCEM_DATA_DIR", "/var/lib/opencem",
                "OPENCEM_DB_URL", "jdbc:postgresql://localhost:5432/cem",
                "OPENCEM_DB_USER", "cem",
                "OPENCEM_DB_PASSWORD", "s3cret",
                "OPENCEM_HTTP_MAX_BODY_BYTES", " 2048 ",
                "OPENCEM_HTTP_SECURE_COOKIES", "TRUE",
                "OPENCEM_REPORTING_TIME_ZONE", "America/New_York",
                "PATH", "/usr/bin"));

        assertThat(config.http().port()).isEqualTo(7070);
        assertThat(config.http().maxBodyBytes()).isEqualTo(2048);
        assertThat(config.http().secureCookies()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/opencem"));
        assertThat(config.db()).isEqualTo(
                new ServerConfig.Db(Optional.of("jdbc:postgresql://localhost:5432/cem"), "cem", "s3cret", 10));
        assertThat(config.reportingZone()).isEqualTo(ZoneId.of("America/New_York"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http.port, OPENCEM_HTTP_PORT",
            "http.maxBodyBytes, OPENCEM_HTTP_MAX_BODY_BYTES",
            "http.headerTimeoutSeconds, OPENCEM_HTTP_HEADER_TIMEOUT_SECONDS",
            "db.poolSize, OPENCEM_DB_POOL_SIZE",
            "reporting.timeZone, OPENCEM_REPORTING_TIME_ZONE",
            "data.dir, OPENCEM_DATA_DIR",
            "customers.defaultPhoneRegion, OPENCEM_CUSTOMERS_DEFAULT_PHONE_REGION"})
    void environmentNameSplitsCamelCaseKeys(String key, String variable) {
        assertThat(ConfigLoader.envName(key.split("\\."))).isEqualTo(variable);
    }

    @Test
    void unknownTopLevelYamlKeyIsNamed() throws IOException {
        Optional<Path> file = yaml("""
                htpp:
                  port: 9090
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key")
                .hasMessageEndingWith(":htpp");
    }

    @Test
    void unknownNestedYamlKeyIsNamedWithItsPath() throws IOException {
        Optional<Path> file = yaml("""
                http:
                  prot: 9090
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("opencem.yaml")
                .hasMessageEndingWith(":http:prot");
    }

    @Test
    void scalarWhereAMappingBelongsIsRefused() throws IOException {
        Optional<Path> file = yaml("http: 9090\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":http must be a mapping");
    }

    @Test
    void yamlThatIsNotAMappingIsRefused() throws IOException {
        Optional<Path> file = yaml("- http\n- db\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a YAML mapping");
    }

    @Test
    void missingFileIsRefused() {
        Optional<Path> file = Optional.of(dir.resolve("absent.yaml"));

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read configuration")
                .hasMessageContaining("absent.yaml");
    }

    static Stream<Arguments> badEnvironment() {
        return Stream.of(
                arguments("OPENCEM_HTTP_PORT", "eighty", "OPENCEM_HTTP_PORT must be a whole number, not 'eighty'"),
                arguments("OPENCEM_HTTP_MAX_BODY_BYTES", "1MB", "OPENCEM_HTTP_MAX_BODY_BYTES must be a whole number"),
                arguments("OPENCEM_DB_POOL_SIZE", "2.5", "OPENCEM_DB_POOL_SIZE must be a whole number"),
                arguments("OPENCEM_HTTP_MAX_BODY_BYTES", "99999999999999999999",
                        "OPENCEM_HTTP_MAX_BODY_BYTES must be a whole number"),
                arguments("OPENCEM_HTTP_SECURE_COOKIES", "yes", "OPENCEM_HTTP_SECURE_COOKIES must be true or false"),
                arguments("OPENCEM_HTTP_PORT", "70000", "http.port must be between 0 and 65535, not 70000"),
                arguments("OPENCEM_HTTP_PORT", "-1", "http.port must be between 0 and 65535, not -1"),
                arguments("OPENCEM_HTTP_MAX_BODY_BYTES", "100", "http.maxBodyBytes must be between 1024"),
                arguments("OPENCEM_DB_POOL_SIZE", "0", "db.poolSize must be between 1 and 500, not 0"),
                arguments("OPENCEM_HTTP_HOST", "  ", "http.host must not be empty"),
                arguments("OPENCEM_DATA_DIR", "", "data.dir must not be empty"),
                arguments("OPENCEM_CUSTOMERS_DEFAULT_PHONE_REGION", "XX", "customers.defaultPhoneRegion 'XX'"),
                arguments("OPENCEM_CUSTOMERS_DEFAULT_PHONE_REGION", "PRT", "customers.defaultPhoneRegion 'PRT'"),
                arguments("OPENCEM_CUSTOMERS_DEFAULT_PHONE_REGION", " ", "customers.defaultPhoneRegion must not be empty"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badEnvironment")
    void badEnvironmentValueIsRefusedByName(String variable, String value, String message) {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void numberAsTextInYamlIsRefused() throws IOException {
        Optional<Path> file = yaml("""
                http:
                  port: eighty
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.port must be a whole number");
    }

    @Test
    void unknownTimeZoneInYamlIsRefused() throws IOException {
        Optional<Path> file = yaml("""
                reporting:
                  timeZone: Mars/Olympus_Mons
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("reporting.timeZone 'Mars/Olympus_Mons' is not a time zone");
    }

    @Test
    void malformedTimeZoneFromEnvironmentIsRefused() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("OPENCEM_REPORTING_TIME_ZONE", "UTC+25")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reporting.timeZone 'UTC+25'");
    }

    @Test
    void fractionalNumberInYamlIsRefused() throws IOException {
        Optional<Path> file = yaml("""
                http:
                  port: 80.5
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port");
    }

    @Test
    void nonBooleanSecureCookiesInYamlIsRefused() throws IOException {
        Optional<Path> file = yaml("""
                http:
                  secureCookies: ture
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.secureCookies");
    }

    @Test
    void defaultPhoneRegionFromYamlIsUpperCased() throws IOException {
        ServerConfig config = loader.load(yaml("""
                customers:
                  defaultPhoneRegion: pt
                """), Map.of());

        assertThat(config.customers().defaultPhoneRegion()).isEqualTo("PT");
    }

    @Test
    void defaultPhoneRegionFromEnvironmentOverridesTheFile() throws IOException {
        ServerConfig config = loader.load(yaml("""
                customers:
                  defaultPhoneRegion: PT
                """), Map.of("OPENCEM_CUSTOMERS_DEFAULT_PHONE_REGION", "DE"));

        assertThat(config.customers().defaultPhoneRegion()).isEqualTo("DE");
    }

    @Test
    void unknownPhoneRegionInYamlIsRefusedNamingTheKey() throws IOException {
        Optional<Path> file = yaml("""
                customers:
                  defaultPhoneRegion: Atlantis
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("customers.defaultPhoneRegion 'Atlantis' is not a phone region");
    }
}
