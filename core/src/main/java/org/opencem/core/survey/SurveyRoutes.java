package org.opencem.core.survey;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.opencem.api.customer.Identity;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Principal;
import org.opencem.core.auth.Role;
import org.opencem.core.customer.CustomerInput;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.Ids;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.ProblemException;
import org.opencem.core.http.Responses;
import org.opencem.core.store.Blocking;

/**
 * {@code /api/v1/surveys}: create, read (any version), list, replace, delete, the lifecycle
 * ({@code activate|pause|close}) and the fatigue check ({@code eligibility}).
 */
@Singleton
public final class SurveyRoutes implements ApiRoutes {

    private static final String PATH = "/api/v1/surveys/";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final Blocking blocking;
    private final SurveyInput input;
    private final SurveyService surveys;
    private final SurveyEligibility eligibility;
    private final CustomerInput customerInput;

    @Inject
    SurveyRoutes(Blocking blocking, SurveyInput input, SurveyService surveys, SurveyEligibility eligibility,
                 CustomerInput customerInput) {
        this.blocking = blocking;
        this.input = input;
        this.surveys = surveys;
        this.eligibility = eligibility;
        this.customerInput = customerInput;
    }

    @Override
    public void mount(Router api) {
        var read = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR, Role.ANALYST);
        var write = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR);
        api.get("/surveys").handler(read).handler(this::list);
        api.post("/surveys").handler(write).handler(this::create);
        api.get("/surveys/:id").handler(read).handler(this::get);
        api.put("/surveys/:id").handler(write).handler(this::update);
        api.delete("/surveys/:id").handler(write).handler(this::delete);
        api.post("/surveys/:id/activate").handler(write).handler(ctx -> transition(ctx, SurveyService.Transition.ACTIVATE));
        api.post("/surveys/:id/pause").handler(write).handler(ctx -> transition(ctx, SurveyService.Transition.PAUSE));
        api.post("/surveys/:id/close").handler(write).handler(ctx -> transition(ctx, SurveyService.Transition.CLOSE));
        api.post("/surveys/:id/eligibility").handler(write).handler(this::eligibility);
    }

    private void create(RoutingContext ctx) {
        SurveyDraft draft = input.read(JsonBody.of(ctx));
        Principal actor = Authenticator.principal(ctx);
        blocking.transaction(dsl -> surveys.create(dsl, draft, actor)).onSuccess(view -> {
            ctx.response().putHeader(HttpHeaders.LOCATION, PATH + view.id());
            Responses.json(ctx, 201, view);
        }).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        Optional<Integer> version = number(ctx, "version").map(n -> (int) Math.min(n, Integer.MAX_VALUE));
        answer(ctx, dsl -> surveys.get(dsl, id, version));
    }

    private void list(RoutingContext ctx) {
        Optional<SurveyStatus> status = text(ctx, "status").map(name -> SurveyStatus.parse(name).orElseThrow(() ->
                ProblemException.badField("status", "must be draft, active, paused or closed")));
        int limit = number(ctx, "limit").orElse((long) DEFAULT_LIMIT).intValue();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badField("limit", "must be from 1 to " + MAX_LIMIT);
        }
        Optional<SurveyCursor> after = text(ctx, "cursor").map(SurveyCursor::decode);
        answer(ctx, dsl -> surveys.list(dsl, status, after, limit));
    }

    private void update(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        SurveyDraft draft = input.read(JsonBody.of(ctx));
        Principal actor = Authenticator.principal(ctx);
        answer(ctx, dsl -> surveys.update(dsl, id, draft, actor));
    }

    private void delete(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        Principal actor = Authenticator.principal(ctx);
        blocking.transaction(dsl -> {
            surveys.delete(dsl, id, actor);
            return id;
        }).onSuccess(deleted -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    private void transition(RoutingContext ctx, SurveyService.Transition transition) {
        UUID id = Ids.uuid(ctx, "id");
        Principal actor = Authenticator.principal(ctx);
        answer(ctx, dsl -> surveys.transition(dsl, id, transition, actor));
    }

    private void eligibility(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        JsonBody body = JsonBody.of(ctx).only(Set.of("customer"));
        Optional<JsonBody> customer = body.optionalChild("customer");
        List<Identity> identities = List.of();
        if (customer.isEmpty()) {
            body.error("customer", "is required: {\"identities\": {\"email\": \"ana@example.com\"}}");
        } else {
            identities = customerInput.identities(customer.get().only(Set.of("identities")));
        }
        body.validate();
        List<Identity> known = identities;
        answer(ctx, dsl -> eligibility.check(dsl, id, known)
                .orElseThrow(() -> ProblemException.notFound("no survey " + id)));
    }

    private void answer(RoutingContext ctx, Function<DSLContext, Object> work) {
        blocking.transaction(work).onSuccess(result -> Responses.ok(ctx, result)).onFailure(ctx::fail);
    }

    private static Optional<String> text(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.queryParams().get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Optional<Long> number(RoutingContext ctx, String name) {
        try {
            return text(ctx, name).map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw ProblemException.badField(name, "must be a whole number");
        }
    }
}
