package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
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

    private final Blocking blocking;
    private final CustomerService customers;
    private final CustomerInput input;

    @Inject
    CustomerRoutes(Blocking blocking, CustomerService customers, CustomerInput input) {
        this.blocking = blocking;
        this.customers = customers;
        this.input = input;
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
        List<Identity> identities = input.identities(body);
        Map<String, Object> attributes = input.attributes(body);
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
        Map<String, Object> attributes = input.attributes(body);
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
}
