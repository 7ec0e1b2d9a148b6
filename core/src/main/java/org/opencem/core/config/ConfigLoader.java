package org.opencem.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the server configuration: built-in defaults, then the YAML file, then {@code OPENCEM_*}
 * environment variables. Every key {@code a.bCd} is overridden by {@code OPENCEM_A_B_CD}.
 */
public final class ConfigLoader {

    private static final String PREFIX = "OPENCEM_";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /**
     * @param file the YAML file, if any
     * @param env environment variables
     * @return the configuration
     * @throws ConfigException when a value is missing, of the wrong type, or unknown
     */
    public ServerConfig load(Optional<Path> file, Map<String, String> env) {
        ObjectNode tree = defaults();
        if (file.isPresent()) {
            merge(tree, read(file.get()), file.get().toString());
        }
        applyEnvironment(tree, env);
        return bind(tree);
    }

    private ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("built-in configuration defaults are unreadable", e);
        }
    }

    private JsonNode read(Path file) {
        try {
            JsonNode node = yaml.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": the configuration must be a YAML mapping");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage());
        }
    }

    private static void merge(ObjectNode target, JsonNode source, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = path + ":" + field.getKey();
            JsonNode current = target.get(field.getKey());
            if (current == null) {
                throw new ConfigException("unknown configuration key " + key);
            }
            if (current.isObject()) {
                if (!field.getValue().isObject()) {
                    throw new ConfigException(key + " must be a mapping");
                }
                merge((ObjectNode) current, field.getValue(), key);
            } else if (!field.getValue().isNull()) {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
        for (String[] path : leafPaths(tree, new ArrayList<>())) {
            String value = env.get(envName(path));
            if (value != null) {
                ObjectNode parent = tree;
                for (int i = 0; i < path.length - 1; i++) {
                    parent = (ObjectNode) parent.get(path[i]);
                }
                JsonNode current = parent.get(path[path.length - 1]);
                parent.set(path[path.length - 1], typed(current.getNodeType(), value, envName(path)));
            }
        }
    }

    private static JsonNode typed(JsonNodeType type, String value, String name) {
        ObjectMapper plain = new ObjectMapper();
        try {
            return switch (type) {
                case NUMBER -> plain.getNodeFactory().numberNode(Long.parseLong(value.trim()));
                case BOOLEAN -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw new ConfigException(name + " must be true or false");
                    }
                    yield plain.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
                }
                default -> plain.getNodeFactory().textNode(value);
            };
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static List<String[]> leafPaths(JsonNode node, List<String> prefix) {
        List<String[]> paths = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            JsonNode child = node.get(name);
            if (child.isObject()) {
                paths.addAll(leafPaths(child, path));
            } else {
                paths.add(path.toArray(String[]::new));
            }
        });
        return paths;
    }

    /** @param path key path, e.g. {@code [http, maxBodyBytes]} @return {@code OPENCEM_HTTP_MAX_BODY_BYTES} */
    static String envName(String[] path) {
        StringBuilder name = new StringBuilder(PREFIX);
        for (int i = 0; i < path.length; i++) {
            if (i > 0) {
                name.append('_');
            }
            name.append(path[i].replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static ServerConfig bind(JsonNode tree) {
        JsonNode http = tree.get("http");
        JsonNode db = tree.get("db");
        JsonNode admin = tree.get("admin");
        return new ServerConfig(
                new ServerConfig.Http(
                        text(http, "host", "http.host"),
                        (int) range(http, "port", 0, 65535, "http.port"),
                        range(http, "maxBodyBytes", 1024, Long.MAX_VALUE, "http.maxBodyBytes"),
                        (int) range(http, "headerTimeoutSeconds", 1, 3600, "http.headerTimeoutSeconds"),
                        (int) range(http, "idleTimeoutSeconds", 1, 86400, "http.idleTimeoutSeconds"),
                        bool(http, "secureCookies", "http.secureCookies")),
                Path.of(text(tree.get("data"), "dir", "data.dir")),
                new ServerConfig.Db(optional(db, "url"), db.get("user").asText(), db.get("password").asText(),
                        (int) range(db, "poolSize", 1, 500, "db.poolSize")),
                new ServerConfig.Plugins(Path.of(text(tree.get("plugins"), "dir", "plugins.dir")),
                        range(tree.get("plugins"), "maxUploadBytes", 1024, Long.MAX_VALUE, "plugins.maxUploadBytes")),
                new ServerConfig.Admin(optional(admin, "email"), optional(admin, "password"), optional(admin, "token")),
                zone(text(tree.get("reporting"), "timeZone", "reporting.timeZone")),
                new ServerConfig.Customers(phoneRegion(text(tree.get("customers"), "defaultPhoneRegion",
                        "customers.defaultPhoneRegion"))),
                new ServerConfig.Imports(range(tree.get("imports"), "maxUploadBytes", 1024, Long.MAX_VALUE,
                        "imports.maxUploadBytes")));
    }

    private static String text(JsonNode node, String field, String key) {
        String value = node.get(field).asText().trim();
        if (value.isEmpty()) {
            throw new ConfigException(key + " must not be empty");
        }
        return value;
    }

    private static boolean bool(JsonNode node, String field, String key) {
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw new ConfigException(key + " must be true or false");
        }
        return value.asBoolean();
    }

    private static Optional<String> optional(JsonNode node, String field) {
        String value = node.get(field).asText().trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static long range(JsonNode node, String field, long min, long max, String key) {
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ConfigException(key + " must be a whole number");
        }
        long number = value.asLong();
        if (number < min || number > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + ", not " + number);
        }
        return number;
    }

    private static String phoneRegion(String region) {
        String upper = region.toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(upper)) {
            throw new ConfigException("customers.defaultPhoneRegion '" + region
                    + "' is not a phone region: use an ISO 3166-1 two-letter code such as US, PT or DE");
        }
        return upper;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new ConfigException("reporting.timeZone '" + id + "' is not a time zone");
        }
    }
}
