package org.opencem.core.http.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI document of {@code /api/v1} ({@value #RESOURCE}), loaded and checked once at start, with one
 * compiled {@link OperationCheck} per operation. A document that is not valid OpenAPI 3.1 stops the start.
 *
 * <p>vertx-openapi 5.0 refuses media types other than JSON, multipart, octet-stream and plain text anywhere in
 * a contract, so it is given a copy without response bodies (answers are not validated) and without the
 * request media types it cannot parse; those bodies (plugin zips, CSV) are only checked for their
 * Content-Type, which {@link OperationCheck} reads from the full document.
 */
@Singleton
public final class ApiContract {

    /** The document's class path resource. */
    public static final String RESOURCE = "openapi/opencem.yaml";

    private final byte[] document;
    private final OpenAPIContract contract;
    private final Map<String, OperationCheck> checks = new LinkedHashMap<>();

    /**
     * Loads and compiles the document. Blocking (a few hundred milliseconds of CPU): the server runs it while
     * the store opens.
     *
     * @param vertx the Vert.x instance the validators use
     * @return the contract
     */
    public static ApiContract load(Vertx vertx) {
        return new ApiContract(vertx);
    }

    private ApiContract(Vertx vertx) {
        this.document = read();
        JsonObject full = parse(document);
        this.contract = OpenAPIContract.from(vertx, forValidator(full)).await();
        SchemaPointer pointer = new SchemaPointer(full);
        for (Operation operation : contract.operations()) {
            checks.put(operation.getOperationId(), OperationCheck.compile(operation, contract, full, pointer));
        }
    }

    /** @return the document as written, for serving */
    public byte[] document() {
        return document.clone();
    }

    /**
     * @param method the request method
     * @param path the request path, {@code /api/v1/...}
     * @return the operation answering it, if the document has one
     */
    public Optional<OperationCheck> find(HttpMethod method, String path) {
        Operation operation = contract.findOperation(withoutTrailingSlash(path), method);
        return operation == null ? Optional.empty() : Optional.of(checks.get(operation.getOperationId()));
    }

    /** @param path a request path @return whether the document has the path, with any method */
    public boolean hasPath(String path) {
        return contract.findPath(withoutTrailingSlash(path)) != null;
    }

    /** @return every operation, in document order of paths */
    public List<OperationCheck> operations() {
        return List.copyOf(checks.values());
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static byte[] read() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static JsonObject parse(byte[] yaml) {
        try {
            return new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " is not YAML", e);
        }
    }

    /** @return a copy of the document that vertx-openapi accepts (see the class comment) */
    private static JsonObject forValidator(JsonObject full) {
        JsonObject copy = full.copy();
        JsonObject paths = copy.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                JsonObject operation = item.getJsonObject(method);
                withoutBodies(operation.getJsonObject("responses", new JsonObject()));
                JsonObject body = operation.getJsonObject("requestBody");
                if (body != null && body.getJsonObject("content") != null) {
                    body.getJsonObject("content").fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
                }
            }
        }
        withoutBodies(copy.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject()));
        return copy;
    }

    private static void withoutBodies(JsonObject responses) {
        for (String status : responses.fieldNames()) {
            responses.getJsonObject(status).remove("content");
        }
    }
}
