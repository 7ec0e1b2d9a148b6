package org.opencem.core.auth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.opencem.core.audit.AuditLog;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.Ids;
import org.opencem.core.http.ProblemException;
import org.opencem.core.http.Responses;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.schema.tables.records.ApiTokenRecord;

/** API tokens: created with a role (shown once), listed without their value, revoked. */
@Singleton
public final class TokenRoutes implements ApiRoutes {

    private final Blocking blocking;
    private final ApiTokenRepository tokens;
    private final AuditLog audit;
    private final Authenticator authenticator;

    @Inject
    TokenRoutes(Blocking blocking, ApiTokenRepository tokens, AuditLog audit, Authenticator authenticator) {
        this.blocking = blocking;
        this.tokens = tokens;
        this.audit = audit;
        this.authenticator = authenticator;
    }

    @Override
    public void mount(Router api) {
        api.post("/tokens").handler(Authenticator.allow(Role.ADMIN, Role.INTEGRATOR)).handler(this::create);
        api.get("/tokens").handler(Authenticator.allow(Role.ADMIN, Role.INTEGRATOR)).handler(this::list);
        api.delete("/tokens/:id").handler(Authenticator.allow(Role.ADMIN, Role.INTEGRATOR)).handler(this::revoke);
    }

    private void create(RoutingContext ctx) {
        Principal principal = Authenticator.principal(ctx);
        JsonBody body = JsonBody.of(ctx).only(Set.of("name", "role"));
        String name = body.requiredText("name", 100);
        String roleId = body.requiredText("role", 20);
        Role role = Role.parse(roleId).orElse(null);
        if (!roleId.isEmpty() && role == null) {
            body.error("role", "must be admin, integrator or analyst");
        }
        body.validate();
        if (!principal.role().mayGrant(role)) {
            throw ProblemException.of(403, "the " + principal.role().id() + " role cannot create " + role.id() + " tokens");
        }
        String token = "ocm_" + Secrets.random(32);
        blocking.transaction(dsl -> {
            ApiTokenRecord record = tokens.create(dsl, name, token, role, principal.name());
            audit.record(dsl, principal, "token.create", record.getId().toString(), "role=" + role.id());
            return record;
        }).onSuccess(record -> {
            Map<String, Object> answer = view(record);
            answer.put("token", token);
            Responses.json(ctx, 201, answer);
        }).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        blocking.transaction(dsl -> tokens.listLive(dsl).stream().map(TokenRoutes::view).toList())
                .onSuccess(list -> Responses.ok(ctx, list))
                .onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        Principal principal = Authenticator.principal(ctx);
        blocking.transaction(dsl -> {
            String hash = tokens.revoke(dsl, id).orElseThrow(() -> ProblemException.notFound("no live token " + id));
            audit.record(dsl, principal, "token.revoke", id.toString(), "");
            return hash;
        }).onSuccess(hash -> {
            authenticator.forgetToken(hash);
            Responses.noContent(ctx);
        }).onFailure(ctx::fail);
    }

    private static Map<String, Object> view(ApiTokenRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", record.getId().toString());
        view.put("name", record.getName());
        view.put("role", record.getRole());
        view.put("createdBy", record.getCreatedBy());
        view.put("createdAt", record.getCreatedAt());
        return view;
    }
}
