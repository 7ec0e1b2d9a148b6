package org.opencem.core.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.ProblemException;
import org.opencem.core.http.Responses;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.schema.tables.records.AppUserRecord;

/** Console login and logout with a session cookie. */
@Singleton
public final class AuthRoutes implements ApiRoutes {

    private final Blocking blocking;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Authenticator authenticator;
    private final boolean secureCookies;

    @Inject
    AuthRoutes(Blocking blocking, UserRepository users, SessionRepository sessions, PasswordHasher hasher,
               LoginThrottle throttle, Authenticator authenticator, ServerConfig config) {
        this.blocking = blocking;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.authenticator = authenticator;
        this.secureCookies = config.http().secureCookies();
    }

    @Override
    public void mount(Router api) {
        api.post("/auth/login").handler(this::login);
        api.post("/auth/logout").handler(this::logout);
        api.get("/auth/me").handler(this::me);
    }

    private void login(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx).only(Set.of("email", "password"));
        String email = body.requiredText("email", 320).toLowerCase(Locale.ROOT);
        String password = body.requiredText("password", 1024);
        body.validate();
        if (!throttle.tryAttempt(ctx.request().remoteAddress().hostAddress(), email)) {
            ctx.response().putHeader("Retry-After", "60");
            ctx.fail(ProblemException.of(429, "too many login attempts; wait a minute"));
            return;
        }
        blocking.transaction(dsl -> {
            Optional<AppUserRecord> user = users.findByEmail(dsl, email);
            if (user.isEmpty()) {
                hasher.verifyDecoy(password);
                return Optional.<Map<String, Object>>empty();
            }
            if (!hasher.verify(password, user.get().getPasswordHash())) {
                return Optional.<Map<String, Object>>empty();
            }
            SessionRepository.NewSession session = sessions.create(dsl, user.get().getId());
            return Optional.of(Map.<String, Object>of(
                    "session", session.id(),
                    "body", Map.of("email", email, "role", user.get().getRole(), "csrfToken", session.csrfToken())));
        }).onSuccess(result -> {
            if (result.isEmpty()) {
                ctx.fail(ProblemException.of(401, "wrong email or password"));
                return;
            }
            ctx.response().addCookie(sessionCookie((String) result.get().get("session"), SessionRepository.TTL.toSeconds()));
            Responses.ok(ctx, result.get().get("body"));
        }).onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(Authenticator.SESSION_COOKIE);
        if (cookie == null) {
            Responses.noContent(ctx);
            return;
        }
        String id = cookie.getValue();
        blocking.transaction(dsl -> {
            sessions.delete(dsl, id);
            return null;
        }).onSuccess(v -> {
            authenticator.forgetSession(id);
            ctx.response().addCookie(sessionCookie("", 0));
            Responses.noContent(ctx);
        }).onFailure(ctx::fail);
    }

    private void me(RoutingContext ctx) {
        Principal principal = Authenticator.principal(ctx);
        Responses.ok(ctx, principal.csrfToken().isPresent()
                ? Map.of("name", principal.name(), "role", principal.role().id(), "csrfToken", principal.csrfToken().get())
                : Map.of("name", principal.name(), "role", principal.role().id()));
    }

    private Cookie sessionCookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(Authenticator.SESSION_COOKIE, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(secureCookies)
                .setSameSite(CookieSameSite.STRICT)
                .setMaxAge(maxAgeSeconds);
    }
}
