package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Principal;
import org.opencem.core.auth.Role;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.Ids;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.Responses;
import org.opencem.core.store.Blocking;

/**
 * {@code /api/v1/customers}: upsert by identities, read, attribute changes and manual merges. A merged id
 * answers {@code GET} with 308 and a {@code Location} of its survivor (the survivor's view in the body);
 * writes naming a merged id act on its survivor.
 */
@Singleton
public final class CustomerRoutes implements ApiRoutes {

    private static final String PATH = "/api/v1/customers/";
    private static final int MAX_IDENTITIES = 20;
    private static final int MAX_KEY_LENGTH = 200;
    private static final int MAX_ECHOED_TYPE = 64;

    private final Blocking blocking;
    private final CustomerService customers;
    private final IdentityNormalizer normalizer;

    @Inject
    CustomerRoutes(Blocking blocking, CustomerService customers, IdentityNormalizer normalizer) {
        this.blocking = blocking;
        this.customers = customers;
        this.normalizer = normalizer;
    }

    @Override
    public void mount(Router api) {
        var read = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR, Role.ANALYST);
        var write = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR);
        api.post("/customers").handler(write).handler(this::upsert);
        api.get("/customers/:id").handler(read).handler(this::get);
        api.patch("/customers/:id").handler(write).handler(this::patch);
        api.post("/customers/:id/merge").handler(write).handler(this::merge);
    }

    private void upsert(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx).only(Set.of("identities", "attributes"));
        List<Identity> identities = identities(body);
        Map<String, Object> attributes = attributes(body);
        body.validate();
        Principal actor = Authenticator.principal(ctx);
        blocking.transaction(dsl -> customers.upsert(dsl, identities, attributes, actor))
                .onSuccess(upsert -> Responses.json(ctx, upsert.created() ? 201 : 200, upsert.customer()))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        blocking.transaction(dsl -> customers.get(dsl, id)).onSuccess(view -> {
            if (view.id().equals(id)) {
                Responses.ok(ctx, view);
            } else {
                ctx.response().putHeader(HttpHeaders.LOCATION, PATH + view.id());
                Responses.json(ctx, 308, view);
            }
        }).onFailure(ctx::fail);
    }

    private void patch(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        JsonBody body = JsonBody.of(ctx).only(Set.of("attributes"));
        Map<String, Object> attributes = attributes(body);
        if (ctx.body().asJsonObject().getValue("attributes") == null) {
            body.error("attributes", "is required: an object of the keys to set (a null value removes a key)");
        }
        body.validate();
        Principal actor = Authenticator.principal(ctx);
        blocking.transaction(dsl -> customers.patch(dsl, id, attributes, actor))
                .onSuccess(view -> Responses.ok(ctx, view)).onFailure(ctx::fail);
    }

    private void merge(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        JsonBody body = JsonBody.of(ctx).only(Set.of("other"));
        String otherText = body.requiredText("other", 100);
        UUID other = null;
        if (!otherText.isEmpty()) {
            try {
                other = UUID.fromString(otherText);
            } catch (IllegalArgumentException e) {
                body.error("other", "must be a customer id");
            }
        }
        body.validate();
        UUID into = other;
        Principal actor = Authenticator.principal(ctx);
        blocking.transaction(dsl -> customers.merge(dsl, id, into, actor))
                .onSuccess(view -> Responses.ok(ctx, view)).onFailure(ctx::fail);
    }

    /** Normalizes {@code identities}; every bad one is reported as {@code identities.<type>}. */
    private List<Identity> identities(JsonBody body) {
        Map<String, Object> sent = body.optionalObject("identities");
        if (sent.isEmpty()) {
            body.error("identities", "needs at least one identity, for example {\"email\": \"ana@example.com\"}");
            return List.of();
        }
        if (sent.size() > MAX_IDENTITIES) {
            body.error("identities", "must have at most " + MAX_IDENTITIES + " identities");
            return List.of();
        }
        Set<Identity> normalized = new LinkedHashSet<>();
        for (Map.Entry<String, Object> entry : sent.entrySet()) {
            if (!(entry.getValue() instanceof String value)) {
                body.error("identities." + shorten(entry.getKey()), "must be a string");
                continue;
            }
            try {
                normalized.add(normalizer.normalize(entry.getKey(), value));
            } catch (InvalidIdentityException e) {
                body.error(e.field(), e.getMessage());
            }
        }
        return new ArrayList<>(normalized);
    }

    /** Reads {@code attributes}: an object of at most 100 keys, each 1 to 200 characters. */
    private static Map<String, Object> attributes(JsonBody body) {
        Map<String, Object> attributes = body.optionalObject("attributes");
        if (attributes.size() > CustomerService.MAX_ATTRIBUTES) {
            body.error("attributes", "must have at most " + CustomerService.MAX_ATTRIBUTES + " keys");
        } else if (attributes.keySet().stream().anyMatch(k -> k.isBlank() || k.length() > MAX_KEY_LENGTH)) {
            body.error("attributes", "keys must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return attributes;
    }

    private static String shorten(String type) {
        return type.length() <= MAX_ECHOED_TYPE ? type : type.substring(0, MAX_ECHOED_TYPE) + "...";
    }
}
