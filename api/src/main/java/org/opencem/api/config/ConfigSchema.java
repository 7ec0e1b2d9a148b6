package org.opencem.api.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.opencem.api.annotation.PublicApi;

/**
 * The typed properties a plugin's configuration has. The core validates every configuration against it
 * before a channel starts (never starting one half-configured), and the admin console renders a form from
 * it. Immutable; build one with {@link #builder()}, usually as a static constant of the plugin's config
 * record.
 *
 * <pre>{@code
 * static final ConfigSchema SCHEMA = ConfigSchema.builder()
 *     .property("fromAddress").label("From address").type(PropertyType.EMAIL).required().add()
 *     .property("smtpPassword").label("SMTP password").type(PropertyType.SECRET).add()
 *     .build();
 * }</pre>
 */
@PublicApi
public final class ConfigSchema {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final ConfigSchema EMPTY = new ConfigSchema(List.of());

    private final List<ConfigProperty> properties;

    private ConfigSchema(List<ConfigProperty> properties) {
        this.properties = List.copyOf(properties);
    }

    /** @return a schema without properties */
    public static ConfigSchema empty() {
        return EMPTY;
    }

    /** @return a builder for a new schema */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the properties in declaration order */
    public List<ConfigProperty> properties() {
        return properties;
    }

    /** @return the property with this name, if declared */
    public Optional<ConfigProperty> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Checks raw values (as parsed from JSON: strings, numbers, booleans, lists) against this schema.
     *
     * @param raw the values given by an admin; unknown keys are refused
     * @return the configuration with defaults applied and values converted to their types
     * @throws ConfigValidationException naming every bad field
     */
    public Configuration validate(Map<String, ?> raw) {
        List<ConfigError> errors = new ArrayList<>();
        for (String key : raw.keySet()) {
            if (property(key).isEmpty()) {
                errors.add(new ConfigError(key, "is not a known property"));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigProperty property : properties) {
            Object given = raw.get(property.name());
            if (given == null || (given instanceof String s && s.isEmpty())) {
                if (property.defaultValue().isPresent()) {
                    values.put(property.name(), property.defaultValue().get());
                } else if (property.required()) {
                    errors.add(new ConfigError(property.name(), "is required"));
                }
                continue;
            }
            PropertyCheck check = check(property, given);
            if (check.error() != null) {
                errors.add(new ConfigError(property.name(), check.error()));
            } else {
                values.put(property.name(), check.value());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigValidationException(errors);
        }
        return new Configuration(values);
    }

    private record PropertyCheck(Object value, String error) {
        static PropertyCheck ok(Object value) {
            return new PropertyCheck(value, null);
        }

        static PropertyCheck bad(String error) {
            return new PropertyCheck(null, error);
        }
    }

    private static PropertyCheck check(ConfigProperty property, Object given) {
        switch (property.type()) {
            case INTEGER -> {
                if (!(given instanceof Number n)) {
                    return PropertyCheck.bad("must be a whole number");
                }
                long value;
                try {
                    value = (n instanceof java.math.BigDecimal d ? d : new java.math.BigDecimal(n.toString())).longValueExact();
                } catch (NumberFormatException | ArithmeticException e) {
                    return PropertyCheck.bad("must be a whole number");
                }
                if (property.min().isPresent() && value < property.min().getAsLong()) {
                    return PropertyCheck.bad("must be at least " + property.min().getAsLong());
                }
                if (property.max().isPresent() && value > property.max().getAsLong()) {
                    return PropertyCheck.bad("must be at most " + property.max().getAsLong());
                }
                return PropertyCheck.ok(value);
            }
            case BOOLEAN -> {
                return given instanceof Boolean b ? PropertyCheck.ok(b) : PropertyCheck.bad("must be true or false");
            }
            case LIST -> {
                if (!(given instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                    return PropertyCheck.bad("must be a list of strings");
                }
                if (property.max().isPresent() && list.size() > property.max().getAsLong()) {
                    return PropertyCheck.bad("must have at most " + property.max().getAsLong() + " items");
                }
                return PropertyCheck.ok(List.copyOf(list));
            }
            default -> {
                if (!(given instanceof String text)) {
                    return PropertyCheck.bad("must be text");
                }
                return checkText(property, text);
            }
        }
    }

    private static PropertyCheck checkText(ConfigProperty property, String text) {
        if (property.min().isPresent() && text.length() < property.min().getAsLong()) {
            return PropertyCheck.bad("must have at least " + property.min().getAsLong() + " characters");
        }
        if (property.max().isPresent() && text.length() > property.max().getAsLong()) {
            return PropertyCheck.bad("must have at most " + property.max().getAsLong() + " characters");
        }
        if (property.pattern().isPresent() && !property.pattern().get().matcher(text).matches()) {
            return PropertyCheck.bad("must match " + property.pattern().get().pattern());
        }
        return switch (property.type()) {
            case ENUM -> property.options().contains(text)
                    ? PropertyCheck.ok(text)
                    : PropertyCheck.bad("must be one of " + String.join(", ", property.options()));
            case EMAIL -> EMAIL.matcher(text).matches()
                    ? PropertyCheck.ok(text)
                    : PropertyCheck.bad("must be an email address");
            case URL -> isHttpUrl(text) ? PropertyCheck.ok(text) : PropertyCheck.bad("must be an http or https URL");
            default -> PropertyCheck.ok(text);
        };
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Collects properties; a duplicate name throws, so a schema never hides a property. */
    public static final class Builder {

        private final List<ConfigProperty> properties = new ArrayList<>();

        private Builder() {
        }

        /**
         * Starts a property, of type {@link PropertyType#STRING} unless {@link PropertyBuilder#type} says
         * otherwise.
         *
         * @param name the property's key
         * @return the property's builder; {@link PropertyBuilder#add()} returns here
         */
        public PropertyBuilder property(String name) {
            return new PropertyBuilder(this, name);
        }

        /** @return the schema */
        public ConfigSchema build() {
            return new ConfigSchema(properties);
        }

        private Builder add(ConfigProperty property) {
            if (properties.stream().anyMatch(p -> p.name().equals(property.name()))) {
                throw new IllegalArgumentException("duplicate config property '" + property.name() + "'");
            }
            properties.add(property);
            return this;
        }
    }

    /** Builds one {@link ConfigProperty}. */
    public static final class PropertyBuilder {

        private final Builder parent;
        private final String name;
        private PropertyType type = PropertyType.STRING;
        private String label;
        private String helpText = "";
        private Object defaultValue;
        private boolean required;
        private List<String> options = List.of();
        private OptionalLong min = OptionalLong.empty();
        private OptionalLong max = OptionalLong.empty();
        private Pattern pattern;

        private PropertyBuilder(Builder parent, String name) {
            this.parent = parent;
            this.name = name;
            this.label = name;
        }

        /** @param value the kind of value @return this builder */
        public PropertyBuilder type(PropertyType value) {
            this.type = value;
            return this;
        }

        /** @param value short human label @return this builder */
        public PropertyBuilder label(String value) {
            this.label = value;
            return this;
        }

        /** @param value help text shown under the field @return this builder */
        public PropertyBuilder help(String value) {
            this.helpText = value;
            return this;
        }

        /** @param value value used when none is given @return this builder */
        public PropertyBuilder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        /** Makes a value mandatory. @return this builder */
        public PropertyBuilder required() {
            this.required = true;
            return this;
        }

        /** Makes this an {@link PropertyType#ENUM} of these options. @param values allowed values @return this builder */
        public PropertyBuilder options(String... values) {
            this.type = PropertyType.ENUM;
            this.options = List.of(values);
            return this;
        }

        /** @param value lower bound (number) or minimum length (text) @return this builder */
        public PropertyBuilder min(long value) {
            this.min = OptionalLong.of(value);
            return this;
        }

        /** @param value upper bound (number), maximum length (text) or maximum items (list) @return this builder */
        public PropertyBuilder max(long value) {
            this.max = OptionalLong.of(value);
            return this;
        }

        /** @param regex a regular expression text must match entirely @return this builder */
        public PropertyBuilder pattern(String regex) {
            this.pattern = Pattern.compile(regex);
            return this;
        }

        /** @return the schema builder, with this property added */
        public Builder add() {
            return parent.add(new ConfigProperty(name, type, label, helpText, Optional.ofNullable(defaultValue),
                    required, options, min, max, Optional.ofNullable(pattern)));
        }
    }
}
