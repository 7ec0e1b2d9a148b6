package org.opencem.core.auth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opencem.core.audit.AuditLog;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.ProblemException;
import org.opencem.core.http.Responses;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.schema.tables.records.AppUserRecord;

/** Console users: admins create them with a role; each user changes their own password. */
@Singleton
public final class UserRoutes implements ApiRoutes {

    /** Shortest accepted password. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    private final Blocking blocking;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    @Inject
    UserRoutes(Blocking blocking, UserRepository users, SessionRepository sessions, PasswordHasher hasher, AuditLog audit) {
        this.blocking = blocking;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.audit = audit;
    }

    @Override
    public void mount(Router api) {
        api.get("/users").handler(Authenticator.allow(Role.ADMIN)).handler(this::list);
        api.post("/users").handler(Authenticator.allow(Role.ADMIN)).handler(this::create);
        api.post("/auth/password").handler(this::changePassword);
    }

    private void list(RoutingContext ctx) {
        blocking.transaction(dsl -> users.list(dsl).stream().map(UserRoutes::view).toList())
                .onSuccess(list -> Responses.ok(ctx, list)).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx).only(Set.of("email", "password", "role"));
        String email = body.requiredText("email", 320).toLowerCase(Locale.ROOT);
        String password = body.requiredText("password", 1024);
        String roleId = body.requiredText("role", 20);
        if (!email.isEmpty() && !email.matches("^[^@\\s]+@[^@\\s]+$")) {
            body.error("email", "must be an email address");
        }
        if (!password.isEmpty() && password.length() < MIN_PASSWORD_LENGTH) {
            body.error("password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (!roleId.isEmpty() && Role.parse(roleId).isEmpty()) {
            body.error("role", "must be admin, integrator or analyst");
        }
        body.validate();
        Role role = Role.parse(roleId).orElseThrow();
        Principal actor = Authenticator.principal(ctx);
        blocking.run(() -> hasher.hash(password)).compose(hash -> blocking.transaction(dsl -> {
            if (users.findByEmail(dsl, email).isPresent()) {
                throw ProblemException.conflict("a user with this email exists");
            }
            users.create(dsl, email, hash, role);
            audit.record(dsl, actor, "user.create", email, "role=" + role.id());
            return users.findByEmail(dsl, email).orElseThrow();
        })).onSuccess(user -> Responses.json(ctx, 201, view(user))).onFailure(ctx::fail);
    }

    private void changePassword(RoutingContext ctx) {
        Principal actor = Authenticator.principal(ctx);
        if (actor.csrfToken().isEmpty()) {
            throw ProblemException.of(403, "log in as a user to change a password; API tokens have none");
        }
        JsonBody body = JsonBody.of(ctx).only(Set.of("currentPassword", "newPassword"));
        String current = body.requiredText("currentPassword", 1024);
        String next = body.requiredText("newPassword", 1024);
        if (!next.isEmpty() && next.length() < MIN_PASSWORD_LENGTH) {
            body.error("newPassword", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        body.validate();
        blocking.transaction(dsl -> {
            AppUserRecord user = users.findByEmail(dsl, actor.name()).orElseThrow(() -> ProblemException.of(401, "unknown user"));
            if (!hasher.verify(current, user.getPasswordHash())) {
                throw ProblemException.badField("currentPassword", "is wrong");
            }
            users.setPassword(dsl, actor.name(), hasher.hash(next));
            sessions.deleteAllOf(dsl, user.getId());
            audit.record(dsl, actor, "user.password", actor.name(), "");
            return null;
        }).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    private static Map<String, Object> view(AppUserRecord user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.getId().toString());
        view.put("email", user.getEmail());
        view.put("role", user.getRole());
        view.put("createdAt", user.getCreatedAt());
        return view;
    }
}
