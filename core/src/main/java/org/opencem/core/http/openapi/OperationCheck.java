package org.opencem.core.http.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Role;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.Problem;
import org.opencem.core.http.ProblemException;

/**
 * One operation of the document, compiled at start: the roles it allows, its parameters' and JSON body's
 * schema validators, and the media types it accepts. {@link #check} answers, in this order: 403 for a role
 * the operation does not list (before anything about the request is revealed), 404 for a path parameter
 * outside its schema (no resource can have that id), 415 for a body of another media type, and 400 naming
 * every bad query parameter and body field. Bodies other than JSON (zips, CSV) are never read here.
 */
public final class OperationCheck {

    private static final String JSON = "application/json";

    private final String operationId;
    private final HttpMethod method;
    private final String path;
    private final boolean open;
    private final Set<Role> roles;
    private final List<ParameterCheck> pathParameters;
    private final List<ParameterCheck> queryParameters;
    private final Set<String> mediaTypes;
    private final boolean bodyRequired;
    private final Validator jsonBody;
    private final Object jsonSchema;
    private final SchemaErrors errors;

    private record ParameterCheck(String name, int segment, boolean required, SchemaType type, Validator validator,
                                  Object schema) {
    }

    private OperationCheck(Operation operation, boolean open, Set<Role> roles, List<ParameterCheck> pathParameters,
                           List<ParameterCheck> queryParameters, Set<String> mediaTypes, boolean bodyRequired,
                           Validator jsonBody, Object jsonSchema, SchemaErrors errors) {
        this.operationId = operation.getOperationId();
        this.method = operation.getHttpMethod();
        this.path = operation.getAbsoluteOpenAPIPath();
        this.open = open;
        this.roles = roles;
        this.pathParameters = pathParameters;
        this.queryParameters = queryParameters;
        this.mediaTypes = mediaTypes;
        this.bodyRequired = bodyRequired;
        this.jsonBody = jsonBody;
        this.jsonSchema = jsonSchema;
        this.errors = errors;
    }

    static OperationCheck compile(Operation operation, OpenAPIContract contract, JsonObject document, SchemaPointer pointer) {
        String where = operation.getHttpMethod() + " " + operation.getOpenAPIPath();
        JsonObject item = document.getJsonObject("paths").getJsonObject(operation.getOpenAPIPath());
        JsonObject raw = item.getJsonObject(operation.getHttpMethod().name().toLowerCase(Locale.ROOT));
        if (!(raw.getValue("security") instanceof JsonArray security)) {
            throw new IllegalStateException(where + " must state its security: [] when public, else the roles it allows");
        }
        List<String> segments = List.of(operation.getAbsoluteOpenAPIPath().substring(1).split("/"));
        List<ParameterCheck> pathParameters = new ArrayList<>();
        List<ParameterCheck> queryParameters = new ArrayList<>();
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getSchemaType() == SchemaType.OBJECT || parameter.getSchemaType() == SchemaType.ARRAY) {
                throw new IllegalStateException(where + ": parameter " + parameter.getName() + " must be a single value");
            }
            ParameterCheck check = new ParameterCheck(parameter.getName(), segments.indexOf("{" + parameter.getName() + "}"),
                    parameter.isRequired(), parameter.getSchemaType(), contract.getSchemaRepository().validator(parameter.getSchema()),
                    rawParameterSchema(item, raw, parameter, pointer));
            if (parameter.getIn() == Location.PATH) {
                pathParameters.add(check);
            } else if (parameter.getIn() == Location.QUERY) {
                queryParameters.add(check);
            } else {
                throw new IllegalStateException(where + ": only path and query parameters are checked, not " + parameter.getIn());
            }
        }
        JsonObject body = (JsonObject) pointer.dereference(raw.getJsonObject("requestBody", new JsonObject()));
        JsonObject content = body.getJsonObject("content", new JsonObject());
        Validator jsonBody = null;
        Object jsonSchema = null;
        if (content.containsKey(JSON)) {
            jsonBody = contract.getSchemaRepository().validator(operation.getRequestBody().getContent().get(JSON).getSchema());
            jsonSchema = content.getJsonObject(JSON).getValue("schema");
        }
        return new OperationCheck(operation, security.isEmpty(), roles(where, security), pathParameters, queryParameters,
                new LinkedHashSet<>(content.fieldNames()), body.getBoolean("required", false), jsonBody, jsonSchema,
                new SchemaErrors(pointer));
    }

    /** Reads the role names of the security requirements, which must all list the same ones. */
    private static Set<Role> roles(String where, JsonArray security) {
        Set<Set<Role>> lists = new LinkedHashSet<>();
        for (Object entry : security) {
            JsonObject requirement = (JsonObject) entry;
            for (String scheme : requirement.fieldNames()) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (Object name : requirement.getJsonArray(scheme)) {
                    roles.add(Role.parse(String.valueOf(name)).orElseThrow(() ->
                            new IllegalStateException(where + ": unknown role '" + name + "' in its security")));
                }
                lists.add(roles);
            }
        }
        if (lists.size() > 1) {
            throw new IllegalStateException(where + ": every security requirement must list the same roles: " + lists);
        }
        return lists.isEmpty() ? Set.of() : Set.copyOf(lists.iterator().next());
    }

    private static Object rawParameterSchema(JsonObject item, JsonObject operation, Parameter parameter, SchemaPointer pointer) {
        JsonArray declared = operation.getJsonArray("parameters", new JsonArray()).copy()
                .addAll(item.getJsonArray("parameters", new JsonArray()));
        for (Object candidate : declared) {
            JsonObject definition = (JsonObject) pointer.dereference(candidate);
            if (parameter.getName().equals(definition.getString("name"))
                    && parameter.getIn().name().equalsIgnoreCase(definition.getString("in"))) {
                return definition.getValue("schema");
            }
        }
        throw new IllegalStateException("parameter " + parameter.getName() + " not found in the document");
    }

    /**
     * Checks a request against the operation.
     *
     * @param ctx the request, authenticated unless the operation is public, its body read unless it is not JSON
     * @throws ProblemException 403, 404, 415 or 400 as the class comment says
     */
    public void check(RoutingContext ctx) {
        if (!open && !roles.isEmpty()) {
            Role role = Authenticator.principal(ctx).role();
            if (!roles.contains(role)) {
                throw ProblemException.of(403, "the " + role.id() + " role may not do this");
            }
        }
        checkPath(ctx.normalizedPath());
        List<Problem.FieldError> bad = new ArrayList<>();
        for (ParameterCheck parameter : queryParameters) {
            String value = ctx.queryParams().get(parameter.name());
            if (value == null || value.isEmpty()) {
                if (parameter.required()) {
                    bad.add(new Problem.FieldError(parameter.name(), "is required"));
                }
                continue;
            }
            OutputUnit result = parameter.validator().validate(primitive(parameter.type(), value));
            if (!result.getValid()) {
                bad.addAll(errors.of(result, parameter.schema(), parameter.name()));
            }
        }
        bad.addAll(checkBody(ctx));
        if (!bad.isEmpty()) {
            throw ProblemException.badRequest(bad.stream().map(e -> e.field().isEmpty() ? "the body " + e.message()
                    : e.field() + " " + e.message()).collect(Collectors.joining("; ")),
                    bad.stream().filter(e -> !e.field().isEmpty()).toList());
        }
    }

    private void checkPath(String requestPath) {
        if (pathParameters.isEmpty()) {
            return;
        }
        String[] segments = requestPath.substring(1).split("/");
        for (ParameterCheck parameter : pathParameters) {
            String value = URLDecoder.decode(segments[parameter.segment()].replace("+", "%2B"), StandardCharsets.UTF_8);
            if (!parameter.validator().validate(primitive(parameter.type(), value)).getValid()) {
                throw ProblemException.notFound("no resource with " + parameter.name() + " '" + value + "'");
            }
        }
    }

    private List<Problem.FieldError> checkBody(RoutingContext ctx) {
        if (mediaTypes.isEmpty()) {
            return List.of();
        }
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String mediaType = contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = jsonBody != null && (mediaType == null || mediaType.equals(JSON) || mediaType.endsWith("+json"));
        if (!json) {
            if (mediaType == null || !mediaTypes.contains(mediaType)) {
                throw ProblemException.of(415, "send the body as " + String.join(" or ", mediaTypes));
            }
            return List.of();
        }
        // Vert.x answers -1 for a request without a body.
        if (!bodyRequired && (ctx.body() == null || ctx.body().length() <= 0)) {
            return List.of();
        }
        OutputUnit result = jsonBody.validate(plain(JsonBody.tree(ctx)));
        return result.getValid() ? List.of() : errors.of(result, jsonSchema, "");
    }

    /** @return the tree as the maps, lists and scalars the schema validator reads (the handler keeps the tree) */
    static Object plain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                node.fields().forEachRemaining(field -> object.put(field.getKey(), plain(field.getValue())));
                yield object;
            }
            case ARRAY -> {
                List<Object> array = new ArrayList<>(node.size());
                node.forEach(item -> array.add(plain(item)));
                yield array;
            }
            case STRING -> node.textValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            case BINARY, POJO -> node.toString();
        };
    }

    private static Object primitive(SchemaType type, String value) {
        try {
            return switch (type) {
                case INTEGER -> Long.parseLong(value);
                case NUMBER -> new BigDecimal(value);
                case BOOLEAN -> value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value;
                default -> value;
            };
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /** @return the operation's id */
    public String operationId() {
        return operationId;
    }

    /** @return its method */
    public HttpMethod method() {
        return method;
    }

    /** @return its path template, {@code /api/v1/customers/{id}} */
    public String path() {
        return path;
    }

    /** @return whether it needs no authentication */
    public boolean isPublic() {
        return open;
    }

    /** @return the roles it allows; empty when any authenticated caller may */
    public Set<Role> roles() {
        return roles;
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + operationId + ")";
    }
}
