package org.opencem.core.customer;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.opencem.core.http.Problem;
import org.opencem.core.http.ProblemException;

/**
 * A request's query parameters, checked like {@link org.opencem.core.http.JsonBody}: errors are collected per
 * parameter and thrown together by {@link #validate()}. Unknown parameters are errors, so a misspelt filter
 * ({@code identitytype=}) is refused instead of silently widening the answer. Names are case-sensitive (Vert.x's
 * own {@code queryParams()} is not), so a name is either known exactly or refused.
 */
public final class QueryParameters {

    private static final int MAX_ECHOED_NAME = 64;
    private static final int MAX_CURSOR = 512;

    private final Map<String, List<String>> params;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private QueryParameters(Map<String, List<String>> params) {
        this.params = params;
    }

    /**
     * @param ctx the request
     * @param allowed the parameter names it may have
     * @param allowedPrefix a prefix of further allowed names ({@code attributes.}), or empty
     * @return its parameters, with every unknown one already reported
     */
    public static QueryParameters of(RoutingContext ctx, Set<String> allowed, String allowedPrefix) {
        QueryParameters query = new QueryParameters(new QueryStringDecoder(ctx.request().uri()).parameters());
        for (String name : query.params.keySet()) {
            boolean prefixed = !allowedPrefix.isEmpty() && name.startsWith(allowedPrefix) && name.length() > allowedPrefix.length();
            if (!allowed.contains(name) && !prefixed) {
                query.error(shorten(name), "is not a known query parameter");
            }
        }
        return query;
    }

    /**
     * @param name a parameter given at most once
     * @param maxLength longest accepted
     * @return its value, empty when absent or blank
     */
    public Optional<String> text(String name, int maxLength) {
        List<String> values = params.getOrDefault(name, List.of());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            error(name, "must be given at most once");
            return Optional.empty();
        }
        String value = values.get(0).strip();
        if (value.length() > maxLength) {
            error(name, "must have at most " + maxLength + " characters");
            return Optional.empty();
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * @param defaultLimit the page size when {@code limit} is absent
     * @param maxLimit the largest accepted
     * @return {@code limit}, from 1 to {@code maxLimit}
     */
    public int limit(int defaultLimit, int maxLimit) {
        Optional<String> text = text("limit", 10);
        if (text.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text.get());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        error("limit", "must be a whole number from 1 to " + maxLimit);
        return defaultLimit;
    }

    /**
     * @param decode reads a list's cursor, throwing a problem naming {@code cursor} when it is not one
     * @param <T> the list's position type
     * @return the decoded {@code cursor}, if given; a bad one is reported with the other parameters
     */
    public <T> Optional<T> cursor(Function<String, T> decode) {
        Optional<String> token = text("cursor", MAX_CURSOR);
        try {
            return token.map(decode);
        } catch (ProblemException e) {
            e.errors().forEach(error -> error(error.field(), error.message()));
            return Optional.empty();
        }
    }

    /**
     * @param prefix a name prefix such as {@code attributes.}
     * @return the rest of each name with that prefix, with its values as sent (a name may repeat)
     */
    public Map<String, List<String>> prefixed(String prefix) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                found.put(name.substring(prefix.length()), values);
            }
        });
        return found;
    }

    /** @param name the parameter @param message what is wrong */
    public void error(String name, String message) {
        errors.add(new Problem.FieldError(name, message));
    }

    /** @throws ProblemException 400 naming every bad parameter, when there is one */
    public void validate() {
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + " " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse("");
            throw ProblemException.badRequest(detail, errors);
        }
    }

    /** A client's parameter name echoed back in an error, bounded so a hostile one cannot flood the answer. */
    private static String shorten(String name) {
        return name.length() <= MAX_ECHOED_NAME ? name : name.substring(0, MAX_ECHOED_NAME) + "...";
    }
}
