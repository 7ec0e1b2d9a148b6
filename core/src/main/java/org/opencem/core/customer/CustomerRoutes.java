package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Principal;
import org.opencem.core.auth.Role;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.Ids;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.Responses;
import org.opencem.core.store.Blocking;

/**
 * {@code /api/v1/customers}: upsert by identities, search, read, attribute changes, manual merges, the timeline
 * and journey, and the GDPR export and erasure. A merged id answers every {@code GET} with 308 and a
 * {@code Location} of its survivor's same resource (the survivor's answer in the body); writes naming a merged
 * id act on its survivor. An erased customer answers 410 Gone.
 */
@Singleton
public final class CustomerRoutes implements ApiRoutes {

    private static final String PATH = "/api/v1/customers/";
    private static final String ATTRIBUTES = "attributes.";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;
    private static final int MAX_IDENTITY_VALUE = 320;
    private static final int MAX_QUERY_TEXT = 200;
    private static final int MAX_FILTER_VALUE = 1_000;
    private static final int MAX_FILTERS = 20;

    private final Blocking blocking;
    private final CustomerService customers;
    private final CustomerInput input;
    private final IdentityNormalizer normalizer;

    @Inject
    CustomerRoutes(Blocking blocking, CustomerService customers, CustomerInput input, IdentityNormalizer normalizer) {
        this.blocking = blocking;
        this.customers = customers;
        this.input = input;
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
        mountReads(api, read);
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
        QueryParameters.of(ctx, Set.of(), "").validate();
        readCustomer(ctx, id, "", (dsl, survivor) -> customers.get(dsl, survivor));
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

    // Reads and GDPR (issue 3 items 3 and 4).

    private void mountReads(Router api, Handler<RoutingContext> read) {
        api.get("/customers").handler(read).handler(this::list);
        api.get("/customers/:id/timeline").handler(read).handler(this::timeline);
        api.get("/customers/:id/journey").handler(read).handler(this::journey);
        api.get("/customers/:id/export").handler(read).handler(this::export);
        api.delete("/customers/:id").handler(Authenticator.allow(Role.ADMIN)).handler(this::erase);
    }

    private void list(RoutingContext ctx) {
        QueryParameters query = QueryParameters.of(ctx, Set.of("identityType", "identity", "q", "limit", "cursor"), ATTRIBUTES);
        Optional<Identity> identity = identityFilter(query);
        List<AttributeFilter> attributes = attributeFilters(query);
        Optional<String> text = query.text("q", MAX_QUERY_TEXT);
        int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
        Optional<CustomerSearch.Position> after = query.cursor(CustomerSearch.Position::decode);
        query.validate();
        CustomerSearch.Query search = new CustomerSearch.Query(identity, attributes, text, limit, after);
        blocking.transaction(dsl -> customers.search(dsl, search))
                .onSuccess(page -> Responses.ok(ctx, page)).onFailure(ctx::fail);
    }

    private void timeline(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        QueryParameters query = QueryParameters.of(ctx, Set.of("limit", "cursor"), "");
        int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
        Optional<Timeline.Position> after = query.cursor(Timeline.Position::decode);
        query.validate();
        readCustomer(ctx, id, "/timeline", (dsl, survivor) -> customers.timeline(dsl, survivor, limit, after));
    }

    private void journey(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        QueryParameters.of(ctx, Set.of(), "").validate();
        readCustomer(ctx, id, "/journey", customers::journey);
    }

    private void export(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        QueryParameters.of(ctx, Set.of(), "").validate();
        Principal actor = Authenticator.principal(ctx);
        readCustomer(ctx, id, "/export", (dsl, survivor) -> customers.export(dsl, survivor, actor),
                survivor -> ctx.response().putHeader(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"customer-" + survivor + ".json\""));
    }

    private void erase(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        QueryParameters.of(ctx, Set.of(), "").validate();
        Principal actor = Authenticator.principal(ctx);
        blocking.transaction(dsl -> {
            customers.erase(dsl, id, actor);
            return id;
        }).onSuccess(erased -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    /**
     * Reads something of the live customer an id resolves to. A merged id answers 308 with the {@code Location}
     * of the survivor's same resource (query kept) and the survivor's answer in the body.
     */
    private <T> void readCustomer(RoutingContext ctx, UUID id, String resource, BiFunction<DSLContext, UUID, T> read) {
        readCustomer(ctx, id, resource, read, survivor -> {
        });
    }

    /** As {@link #readCustomer(RoutingContext, UUID, String, BiFunction)}, adding headers once the survivor is known. */
    private <T> void readCustomer(RoutingContext ctx, UUID id, String resource, BiFunction<DSLContext, UUID, T> read,
                                  Consumer<UUID> headers) {
        blocking.transaction(dsl -> {
            UUID survivor = customers.liveSurvivor(dsl, id);
            return Map.entry(survivor, read.apply(dsl, survivor));
        }).onSuccess(found -> {
            headers.accept(found.getKey());
            if (found.getKey().equals(id)) {
                Responses.ok(ctx, found.getValue());
            } else {
                String query = ctx.request().query();
                ctx.response().putHeader(HttpHeaders.LOCATION,
                        PATH + found.getKey() + resource + (query == null || query.isEmpty() ? "" : "?" + query));
                Responses.json(ctx, 308, found.getValue());
            }
        }).onFailure(ctx::fail);
    }

    /** {@code identityType} and {@code identity} together, normalized like writes. */
    private Optional<Identity> identityFilter(QueryParameters query) {
        Optional<String> type = query.text("identityType", CustomerInput.MAX_ECHOED_TYPE);
        Optional<String> value = query.text("identity", MAX_IDENTITY_VALUE);
        if (type.isEmpty() && value.isEmpty()) {
            return Optional.empty();
        }
        if (type.isEmpty()) {
            query.error("identityType", "is required with identity (email, phone, visitor, loyalty, external:<system>...)");
            return Optional.empty();
        }
        if (value.isEmpty()) {
            query.error("identity", "is required with identityType");
            return Optional.empty();
        }
        if (!normalizer.knows(type.get())) {
            query.error("identityType", "is not a known identity type (email, phone, visitor, loyalty, external:<system>...)");
            return Optional.empty();
        }
        try {
            return Optional.of(normalizer.normalize(type.get(), value.get()));
        } catch (InvalidIdentityException e) {
            query.error("identity", e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code attributes.<key>=<value>} filters, values taken exactly as sent. */
    private static List<AttributeFilter> attributeFilters(QueryParameters query) {
        List<AttributeFilter> filters = new ArrayList<>();
        query.prefixed(ATTRIBUTES).forEach((key, values) -> {
            String field = ATTRIBUTES + CustomerInput.shorten(key);
            if (key.length() > CustomerInput.MAX_KEY_LENGTH) {
                query.error(field, "keys have at most " + CustomerInput.MAX_KEY_LENGTH + " characters");
            } else if (values.stream().anyMatch(v -> v.length() > MAX_FILTER_VALUE)) {
                query.error(field, "must have at most " + MAX_FILTER_VALUE + " characters");
            } else {
                values.forEach(value -> filters.add(new AttributeFilter(key, value)));
            }
        });
        if (filters.size() > MAX_FILTERS) {
            query.error("attributes", "at most " + MAX_FILTERS + " attribute filters");
        }
        return filters;
    }
}
