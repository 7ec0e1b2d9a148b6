package org.opencem.core.http.openapi;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the routes mounted on a router with the operations of the document, as {@code METHOD /path/{param}}
 * strings. The server refuses to start when a route is undocumented; tests also look the other way.
 */
public final class RouteCoverage {

    private RouteCoverage() {
    }

    /**
     * @param router a router
     * @param mountPoint where it is mounted, {@code /api/v1}, or {@code ""} for the root router
     * @return each route with a path as {@code METHOD /api/v1/customers/{id}}; a route for any method, a prefix or
     *     a regular expression, which no operation can describe, as {@code ANY <path>}
     */
    public static List<String> served(Router router, String mountPoint) {
        List<String> served = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null && !route.isRegexPath()) {
                continue;
            }
            // Vert.x compiles paths with parameters to regular expressions too, but keeps their path.
            if (route.getPath() == null) {
                served.add("ANY " + mountPoint + " (regular expression)");
                continue;
            }
            String path = mountPoint + template(route.getPath());
            if (!route.isExactPath() || route.methods() == null || route.methods().isEmpty()) {
                served.add("ANY " + path);
                continue;
            }
            for (HttpMethod method : route.methods()) {
                served.add(method.name() + " " + path);
            }
        }
        return served;
    }

    /** @param contract the document @return every documented operation as {@code METHOD /path} */
    public static Set<String> documented(ApiContract contract) {
        return contract.operations().stream().map(o -> o.method().name() + " " + o.path()).collect(Collectors.toSet());
    }

    /**
     * @param routes routes as {@link #served} lists them
     * @param contract the document
     * @return those the document has no operation for
     */
    public static List<String> undocumented(Collection<String> routes, ApiContract contract) {
        Set<String> documented = documented(contract);
        return routes.stream().filter(route -> !documented.contains(route)).distinct().toList();
    }

    /**
     * @param api the router mounted at {@code mountPoint}
     * @param mountPoint its mount point
     * @param contract the document
     * @throws IllegalStateException naming every route the document does not describe
     */
    public static void requireDocumented(Router api, String mountPoint, ApiContract contract) {
        List<String> missing = undocumented(served(api, mountPoint), contract);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("routes missing from the OpenAPI document " + ApiContract.RESOURCE
                    + " (every /api/v1 route must be described there, and is validated against it): " + missing);
        }
    }

    /** @return a Vert.x path ({@code /customers/:id}) as an OpenAPI template ({@code /customers/{id}}) */
    static String template(String path) {
        if (path == null) {
            return "";
        }
        return Arrays.stream(path.split("/", -1))
                .map(segment -> segment.startsWith(":") ? "{" + segment.substring(1) + "}" : segment)
                .collect(Collectors.joining("/"));
    }
}
