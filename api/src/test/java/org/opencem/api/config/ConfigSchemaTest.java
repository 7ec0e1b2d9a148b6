package org.opencem.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigSchemaTest {

    private static final UnaryOperator<ConfigSchema.PropertyBuilder> PERCENT =
            p -> p.type(PropertyType.INTEGER).min(1).max(10);
    private static final UnaryOperator<ConfigSchema.PropertyBuilder> FLAG = p -> p.type(PropertyType.BOOLEAN);
    private static final UnaryOperator<ConfigSchema.PropertyBuilder> CHOICE = p -> p.options("a", "b");
    private static final UnaryOperator<ConfigSchema.PropertyBuilder> MAIL = p -> p.type(PropertyType.EMAIL);
    private static final UnaryOperator<ConfigSchema.PropertyBuilder> LINK = p -> p.type(PropertyType.URL);
    private static final UnaryOperator<ConfigSchema.PropertyBuilder> TAGS = p -> p.type(PropertyType.LIST).max(2);
    private static final UnaryOperator<ConfigSchema.PropertyBuilder> CODE =
            p -> p.min(2).max(6).pattern("[a-z]+-\\d+");
    private static final UnaryOperator<ConfigSchema.PropertyBuilder> TEXT = p -> p;
    private static final UnaryOperator<ConfigSchema.PropertyBuilder> KEY = p -> p.type(PropertyType.SECRET).max(8);

    /** A schema of one property named {@code value}. */
    private static ConfigSchema one(UnaryOperator<ConfigSchema.PropertyBuilder> spec) {
        return spec.apply(ConfigSchema.builder().property("value")).add().build();
    }

    static Stream<Arguments> acceptedValues() {
        return Stream.of(
                arguments("integer at lower bound", PERCENT, 1, 1L),
                arguments("integer at upper bound", PERCENT, 10, 10L),
                arguments("long within bounds", PERCENT, 7L, 7L),
                arguments("integral double is a whole number", PERCENT, 3.0, 3L),
                arguments("boolean true", FLAG, true, true),
                arguments("boolean false", FLAG, false, false),
                arguments("enum option", CHOICE, "b", "b"),
                arguments("email address", MAIL, "ops@example.com", "ops@example.com"),
                arguments("http url", LINK, "http://example.com/hook", "http://example.com/hook"),
                arguments("https url with port and query", LINK, "https://example.com:8443/a?b=c",
                        "https://example.com:8443/a?b=c"),
                arguments("list of strings at max items", TAGS, List.of("a", "b"), List.of("a", "b")),
                arguments("empty list", TAGS, List.of(), List.of()),
                arguments("text at min length matching pattern", CODE, "a-1", "a-1"),
                arguments("text at max length matching pattern", CODE, "abc-12", "abc-12"),
                arguments("free text", TEXT, "anything at all", "anything at all"),
                arguments("secret within max length", KEY, "s3cret", "s3cret"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedValues")
    void validValueIsKeptAsItsType(String description, UnaryOperator<ConfigSchema.PropertyBuilder> spec,
                                   Object given, Object expected) {
        Configuration config = one(spec).validate(Map.of("value", given));

        assertThat(config.asMap()).containsExactly(entry("value", expected));
        assertThat(config.asMap().get("value")).isInstanceOf(expected.getClass());
    }

    static Stream<Arguments> refusedValues() {
        return Stream.of(
                arguments("integer below min", PERCENT, 0, "must be at least 1"),
                arguments("integer above max", PERCENT, 11, "must be at most 10"),
                arguments("negative integer below min", PERCENT, -5L, "must be at least 1"),
                arguments("fraction", PERCENT, 1.5, "must be a whole number"),
                arguments("NaN", PERCENT, Double.NaN, "must be a whole number"),
                arguments("number as text", PERCENT, "5", "must be a whole number"),
                arguments("boolean as text", FLAG, "true", "must be true or false"),
                arguments("boolean as number", FLAG, 1, "must be true or false"),
                arguments("value outside options", CHOICE, "c", "must be one of a, b"),
                arguments("option in another case", CHOICE, "A", "must be one of a, b"),
                arguments("option as number", CHOICE, 1, "must be text"),
                arguments("email without @", MAIL, "ops.example.com", "must be an email address"),
                arguments("email without dot in domain", MAIL, "ops@localhost", "must be an email address"),
                arguments("email with a space", MAIL, "o ps@example.com", "must be an email address"),
                arguments("email with two @", MAIL, "ops@one@example.com", "must be an email address"),
                arguments("ftp url", LINK, "ftp://example.com/file", "must be an http or https URL"),
                arguments("javascript url", LINK, "javascript:alert(1)", "must be an http or https URL"),
                arguments("relative url", LINK, "/hook", "must be an http or https URL"),
                arguments("url without host", LINK, "http:///hook", "must be an http or https URL"),
                arguments("unparseable url", LINK, "http://exa mple.com", "must be an http or https URL"),
                arguments("list with a number", TAGS, List.of("a", 1), "must be a list of strings"),
                arguments("text instead of list", TAGS, "a,b", "must be a list of strings"),
                arguments("list over max items", TAGS, List.of("a", "b", "c"), "must have at most 2 items"),
                arguments("text shorter than min", CODE, "a", "must have at least 2 characters"),
                arguments("text longer than max", CODE, "abcd-12", "must have at most 6 characters"),
                arguments("text matching only part of pattern", CODE, "ab-1x", "must match [a-z]+-\\d+"),
                arguments("number for text", TEXT, 5, "must be text"),
                arguments("secret longer than max", KEY, "123456789", "must have at most 8 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedValues")
    void invalidValueIsRefusedWithItsReason(String description, UnaryOperator<ConfigSchema.PropertyBuilder> spec,
                                            Object given, String reason) {
        ConfigSchema schema = one(spec);

        assertThatThrownBy(() -> schema.validate(Map.of("value", given)))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(new ConfigError("value", reason)));
    }

    @Test
    void defaultsAreAppliedToAbsentProperties() {
        ConfigSchema schema = ConfigSchema.builder()
                .property("port").type(PropertyType.INTEGER).defaultValue(25L).add()
                .property("tls").type(PropertyType.BOOLEAN).defaultValue(true).add()
                .property("mode").options("fast", "safe").defaultValue("safe").add()
                .property("note").add()
                .build();

        Configuration config = schema.validate(Map.of());

        assertThat(config.asMap()).containsExactly(entry("port", 25L), entry("tls", true), entry("mode", "safe"));
        assertThat(config.integer("port")).contains(25L);
        assertThat(config.bool("tls")).contains(true);
        assertThat(config.string("note")).isEmpty();
        assertThat(config.list("note")).isEmpty();
    }

    @Test
    void givenValueReplacesTheDefault() {
        ConfigSchema schema = ConfigSchema.builder()
                .property("port").type(PropertyType.INTEGER).defaultValue(25L).add()
                .build();

        assertThat(schema.validate(Map.of("port", 587)).integer("port")).contains(587L);
    }

    @Test
    void emptyTextOrNullCountsAsAbsent() {
        ConfigSchema schema = ConfigSchema.builder()
                .property("host").defaultValue("localhost").add()
                .property("user").add()
                .build();
        Map<String, Object> raw = new HashMap<>();
        raw.put("host", "");
        raw.put("user", null);

        assertThat(schema.validate(raw).asMap()).containsExactly(entry("host", "localhost"));
    }

    @Test
    void missingRequiredPropertyIsRefused() {
        ConfigSchema schema = ConfigSchema.builder()
                .property("from").type(PropertyType.EMAIL).required().add()
                .property("host").required().add()
                .property("token").type(PropertyType.SECRET).required().add()
                .build();
        Map<String, Object> raw = new HashMap<>();
        raw.put("host", "");
        raw.put("token", null);

        assertThatThrownBy(() -> schema.validate(raw))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new ConfigError("from", "is required"),
                        new ConfigError("host", "is required"),
                        new ConfigError("token", "is required")));
    }

    @Test
    void requiredPropertyWithDefaultIsNeverMissing() {
        ConfigSchema schema = ConfigSchema.builder()
                .property("retries").type(PropertyType.INTEGER).required().defaultValue(3L).add()
                .build();

        assertThat(schema.validate(Map.of()).integer("retries")).contains(3L);
    }

    @Test
    void unknownKeysAreRefused() {
        ConfigSchema schema = ConfigSchema.builder().property("host").add().build();

        assertThatThrownBy(() -> schema.validate(Map.of("host", "mail", "hots", "typo")))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(new ConfigError("hots", "is not a known property")));
    }

    @Test
    void emptySchemaRefusesAnyKey() {
        assertThat(ConfigSchema.empty().validate(Map.of()).asMap()).isEmpty();
        assertThatThrownBy(() -> ConfigSchema.empty().validate(Map.of("x", 1)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessage("x: is not a known property");
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        ConfigSchema schema = ConfigSchema.builder()
                .property("from").type(PropertyType.EMAIL).required().add()
                .property("port").type(PropertyType.INTEGER).max(65535).add()
                .property("webhook").type(PropertyType.URL).add()
                .property("name").add()
                .build();
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("colour", "blue");
        raw.put("port", 70000);
        raw.put("webhook", "ftp://x.example");
        raw.put("name", "fine");

        assertThatThrownBy(() -> schema.validate(raw))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    assertThat(e.errors()).containsExactlyInAnyOrder(
                            new ConfigError("colour", "is not a known property"),
                            new ConfigError("from", "is required"),
                            new ConfigError("port", "must be at most 65535"),
                            new ConfigError("webhook", "must be an http or https URL"));
                    assertThat(e.getMessage()).contains("colour: ", "from: ", "port: ", "webhook: ")
                            .doesNotContain("name");
                });
    }

    @Test
    void duplicatePropertyNameThrows() {
        ConfigSchema.Builder builder = ConfigSchema.builder().property("host").add();

        assertThatThrownBy(() -> builder.property("host").type(PropertyType.URL).add())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'host'");
    }

    @Test
    void secretWithDefaultIsRefused() {
        assertThatThrownBy(() -> ConfigSchema.builder()
                .property("password").type(PropertyType.SECRET).defaultValue("changeme").add())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'password'");
    }

    @Test
    void enumWithoutOptionsIsRefused() {
        assertThatThrownBy(() -> ConfigSchema.builder().property("mode").type(PropertyType.ENUM).add())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mode'");
    }

    @Test
    void onlySecretPropertiesAreSecret() {
        ConfigSchema schema = ConfigSchema.builder()
                .property("user").add()
                .property("password").type(PropertyType.SECRET).add()
                .build();

        assertThat(schema.properties()).extracting(ConfigProperty::name, ConfigProperty::secret)
                .containsExactly(tuple("user", false),
                        tuple("password", true));
    }

    @Test
    void integerTooLargeForALongIsRefusedNotWrapped() {
        // 2^64 + 5: BigInteger.longValue() keeps the low 64 bits, which is 5, inside the bounds.
        BigInteger huge = BigInteger.TWO.pow(64).add(BigInteger.valueOf(5));
        ConfigSchema schema = one(PERCENT);

        assertThatThrownBy(() -> schema.validate(Map.of("value", huge)))
                .isInstanceOf(ConfigValidationException.class);
    }
}
