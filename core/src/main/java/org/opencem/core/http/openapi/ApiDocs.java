package org.opencem.core.http.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The public API documentation: the OpenAPI document at {@value #DOCUMENT_PATH} and Swagger UI (from its
 * WebJar) at {@code /api/docs}. Both are public on purpose: the document describes the API, not its data.
 * The page loads scripts and styles from this server only, so its Content-Security-Policy allows nothing
 * else, inline scripts included.
 */
public final class ApiDocs {

    /** Where the document is served. */
    public static final String DOCUMENT_PATH = "/api/v1/openapi.yaml";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String OURS = "openapi/docs/";
    /** The Swagger UI files the page uses, with their content types; nothing else of the WebJar is served. */
    private static final Map<String, String> WEBJAR_FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");

    private final ApiContract contract;
    private final String webjar;

    /** @param contract the document to serve */
    public ApiDocs(ApiContract contract) {
        this.contract = contract;
        this.webjar = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
    }

    /** @param router the root router, before the {@code /api/v1} sub-router so that no login is asked */
    public void mount(Router router) {
        Buffer document = Buffer.buffer(contract.document());
        router.get(DOCUMENT_PATH).handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").end(document));
        router.get("/api/docs").handler(ctx -> file(ctx, OURS + "index.html", "text/html; charset=utf-8"));
        router.get("/api/docs/").handler(ctx -> file(ctx, OURS + "index.html", "text/html; charset=utf-8"));
        router.get("/api/docs/opencem-docs.js").handler(ctx -> file(ctx, OURS + "opencem-docs.js",
                "text/javascript; charset=utf-8"));
        WEBJAR_FILES.forEach((name, type) -> router.get("/api/docs/" + name).handler(ctx -> file(ctx, webjar + name, type)));
    }

    private static void file(RoutingContext ctx, String resource, String contentType) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).putHeader("Content-Security-Policy", CSP);
        ctx.response().sendFile(resource).onFailure(ctx::fail);
    }

    private static String swaggerUiVersion() {
        String pom = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException("the Swagger UI WebJar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }
}
