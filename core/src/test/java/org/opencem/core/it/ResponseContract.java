package org.opencem.core.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opencem.core.http.openapi.ApiContract;
import org.opencem.core.http.openapi.OperationCheck;

/**
 * The answers the OpenAPI document promises, checked in tests: the server validates requests against the document
 * but never its own answers, so every answer a test receives under {@code /api/v1} is held to the document here.
 * An answer passes when its operation documents its status (or {@code default}), it carries the headers the status
 * documents as required, its Content-Type is one the status documents, and a JSON body validates against that media
 * type's schema. Bodies of other media types (CSV, YAML) are not read. A request the document has no operation for
 * must be refused with a problem, as the server does.
 *
 * <p>The published document leaves answer objects open, so that the server may add fields without breaking
 * clients. Here every documented object is closed ({@code unevaluatedProperties: false}), so that a field the
 * server answers but the document does not name fails a test too.
 *
 * <p>The document is compiled once per JVM, and each response schema the first time an answer needs it.
 */
final class ResponseContract {

    private static final String API = "/api/v1/";
    private static final int MAX_SHOWN_BODY = 2_000;
    /** Keywords that only report that something inside them failed; the failing keyword says more. */
    private static final Set<String> CONTAINERS = Set.of("properties", "patternProperties", "$ref", "items",
            "prefixItems", "allOf", "anyOf", "oneOf", "not", "if", "then", "else");
    /** The location of a {@code oneOf} or {@code anyOf} branch, up to its index. */
    private static final Pattern BRANCH = Pattern.compile(".*/(oneOf|anyOf)/[0-9]+");

    private final ApiContract operations;
    private final JsonObject paths;
    private final JsonObject problem;
    private final SchemaRepository repository;
    private final Map<String, Validator> validators = new ConcurrentHashMap<>();

    private static final class Holder {
        private static final ResponseContract INSTANCE = load();
    }

    private ResponseContract(ApiContract operations, JsonObject resolved, SchemaRepository repository) {
        this.operations = operations;
        this.paths = resolved.getJsonObject("paths");
        this.problem = resolved.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
        this.repository = repository;
    }

    /** @return the document's answers, compiled on first use */
    static ResponseContract get() {
        return Holder.INSTANCE;
    }

    private static ResponseContract load() {
        Vertx vertx = Vertx.vertx();
        try {
            ApiContract operations = ApiContract.load(vertx);
            JsonObject document = parse(operations.document());
            OpenAPIVersion version = OpenAPIVersion.fromContract(document);
            SchemaRepository repository = version.getRepository(vertx, "app://").await();
            JsonObject resolved = version.resolve(vertx, repository, document).await();
            return new ResponseContract(operations, resolved, repository);
        } finally {
            vertx.close().await();
        }
    }

    @SuppressWarnings("unchecked")
    private static JsonObject parse(byte[] yaml) {
        try {
            return new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks one answer; answers outside {@code /api/v1} are not the document's and pass.
     *
     * @param method the request's method
     * @param path the request's path, without its query
     * @param status the answer's status
     * @param headers the answer's headers
     * @param body the answer's body as text
     * @throws AssertionError naming the operation, the status and what breaks the document
     */
    void check(String method, String path, int status, HttpHeaders headers, String body) {
        if (!path.startsWith(API) || method.equals("HEAD")) {
            return;
        }
        Optional<String> contentType = headers.firstValue("Content-Type");
        Optional<OperationCheck> found = operations.find(HttpMethod.valueOf(method), path);
        String mediaType = contentType.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        if (found.isEmpty()) {
            // The server refuses what the document does not describe (404, 405), or whom it does not know (401).
            String where = method + " " + path + " (no operation in the document)";
            if (status != 401 && status != 404 && status != 405) {
                throw new AssertionError(where + " answered " + status + "; only 401, 404 or 405 can be right");
            }
            validate(where, status, "problem", problem, mediaType, body);
            return;
        }
        OperationCheck operation = found.get();
        String where = operation.method() + " " + operation.path() + " (" + operation.operationId() + ")";
        JsonObject responses = paths.getJsonObject(operation.path())
                .getJsonObject(operation.method().name().toLowerCase(Locale.ROOT)).getJsonObject("responses");
        JsonObject response = documented(responses, status);
        if (response == null) {
            throw new AssertionError(where + " answered " + status + ", which the document does not list (it lists "
                    + listed(responses) + "); body: " + shown(body));
        }
        JsonObject documentedHeaders = response.getJsonObject("headers", new JsonObject());
        for (String name : documentedHeaders.fieldNames()) {
            if (documentedHeaders.getValue(name) instanceof JsonObject header && header.getBoolean("required", false)
                    && headers.firstValue(name).isEmpty()) {
                throw new AssertionError(where + " answered " + status + " without its header " + name);
            }
        }
        JsonObject content = response.getJsonObject("content");
        if (content == null || content.isEmpty()) {
            if (!body.isEmpty()) {
                throw new AssertionError(where + " answered " + status + " with a body (" + contentType.orElse("no type")
                        + ") where the document has none: " + shown(body));
            }
            return;
        }
        if (!content.containsKey(mediaType)) {
            throw new AssertionError(where + " answered " + status + " as '" + contentType.orElse("")
                    + "'; the document has " + listed(content) + " for it; body: " + shown(body));
        }
        JsonObject schema = content.getJsonObject(mediaType).getJsonObject("schema");
        if (schema != null && isJson(mediaType)) {
            validate(where, status, operation.operationId() + " " + status + " " + mediaType, schema, mediaType, body);
        }
    }

    /** @return the response documented for the status: exactly, by its range ({@code 4XX}), or {@code default} */
    private static JsonObject documented(JsonObject responses, int status) {
        JsonObject exact = responses.getJsonObject(Integer.toString(status));
        if (exact != null) {
            return exact;
        }
        JsonObject range = responses.getJsonObject(status / 100 + "XX");
        return range != null ? range : responses.getJsonObject("default");
    }

    private void validate(String where, int status, String key, JsonObject schema, String mediaType, String body) {
        if (!isJson(mediaType)) {
            throw new AssertionError(where + " answered " + status + " as '" + mediaType + "', not JSON: " + shown(body));
        }
        Object value;
        try {
            value = Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new AssertionError(where + " answered " + status + " with a body that is not JSON: " + shown(body), e);
        }
        OutputUnit result = validators.computeIfAbsent(key, k -> repository.validator(JsonSchema.of(closed(schema.copy()))))
                .validate(value);
        if (!result.getValid()) {
            throw new AssertionError(where + " answered " + status + " with a body that breaks the document:\n"
                    + failures(result) + "\nbody: " + shown(body));
        }
    }

    /**
     * Closes every object schema that names its properties and says nothing of others, except the members of an
     * {@code allOf}, each of which names only some of the object's properties (their {@code allOf} is closed instead).
     * The resolver's {@code __absolute_uri__} marks go: with them, the repository would validate against the schema
     * it holds under that address instead of this copy.
     *
     * @param schema a copy of a resolved schema, changed in place
     * @return it
     */
    private static JsonObject closed(JsonObject schema) {
        close(schema, false);
        return schema;
    }

    private static void close(Object node, boolean allOfMember) {
        if (!(node instanceof JsonObject schema)) {
            return;
        }
        schema.remove("__absolute_uri__");
        boolean names = schema.containsKey("properties") || schema.containsKey("allOf");
        boolean open = !schema.containsKey("additionalProperties") && !schema.containsKey("unevaluatedProperties");
        if (names && open && !allOfMember) {
            schema.put("unevaluatedProperties", false);
        }
        for (String keyword : schema.fieldNames()) {
            Object value = schema.getValue(keyword);
            switch (keyword) {
                case "properties" -> ((JsonObject) value).forEach(property -> close(property.getValue(), false));
                case "items", "additionalProperties" -> close(value, false);
                case "allOf" -> ((JsonArray) value).forEach(member -> close(member, true));
                case "oneOf", "anyOf" -> ((JsonArray) value).forEach(member -> close(member, false));
                default -> {
                    // other keywords hold no schema of an object (examples, enums, constraints)
                }
            }
        }
    }

    /**
     * The failing keywords, without the containers around them, and without the other branches of a {@code oneOf}
     * when a branch was ruled out by its {@code const} ({@code kind: merge} reports nothing about the interaction
     * branch).
     */
    private static String failures(OutputUnit result) {
        List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
        List<String> ruledOut = errors.stream().filter(e -> keyword(e).equals("const"))
                .map(e -> BRANCH.matcher(e.getKeywordLocation())).filter(Matcher::find).map(Matcher::group).toList();
        List<OutputUnit> failing = errors.stream().filter(e -> !CONTAINERS.contains(keyword(e)))
                .filter(e -> ruledOut.stream().noneMatch(branch -> e.getKeywordLocation().startsWith(branch + "/")))
                .toList();
        return (failing.isEmpty() ? errors : failing).stream()
                .map(e -> "  at '" + e.getInstanceLocation() + "': " + keyword(e) + " (" + e.getKeywordLocation() + "): "
                        + e.getError())
                .distinct().limit(20).collect(Collectors.joining("\n"));
    }

    private static String keyword(OutputUnit error) {
        String location = error.getKeywordLocation() == null ? "" : error.getKeywordLocation();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** @return the keys of a resolved object, without the resolver's own ({@code __absolute_uri__}) */
    private static String listed(JsonObject object) {
        return object.fieldNames().stream().filter(name -> !name.startsWith("__")).collect(Collectors.joining(", "));
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String shown(String body) {
        return body.length() <= MAX_SHOWN_BODY ? body : body.substring(0, MAX_SHOWN_BODY) + "...";
    }
}
