package org.opencem.core.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.Blocking;

/**
 * Authenticates every {@code /api/v1} request but the public ones: an {@code Authorization: Bearer}
 * API token, or the console's session cookie. Cookie-authenticated writes must repeat the session's CSRF
 * token in {@value #CSRF_HEADER}. Runs before the body is read, so an unauthenticated client cannot make
 * the server buffer a large body.
 */
@Singleton
public final class Authenticator implements Handler<RoutingContext> {

    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "opencem_session";
    /** The header carrying the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL = "opencem.principal";
    private static final Set<String> PUBLIC = Set.of("/api/v1/auth/login");
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Blocking blocking;
    private final ApiTokenRepository tokens;
    private final SessionRepository sessions;
    private final PrincipalCache cache;

    @Inject
    Authenticator(Blocking blocking, ApiTokenRepository tokens, SessionRepository sessions, PrincipalCache cache) {
        this.blocking = blocking;
        this.tokens = tokens;
        this.sessions = sessions;
        this.cache = cache;
    }

    /** @param ctx an authenticated request @return who it acts as */
    public static Principal principal(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route is not behind the authenticator");
        }
        return principal;
    }

    /** @param roles the roles allowed @return a handler answering 403 to any other role */
    public static Handler<RoutingContext> allow(Role... roles) {
        Set<Role> allowed = Set.of(roles);
        return ctx -> {
            if (allowed.contains(principal(ctx).role())) {
                ctx.next();
            } else {
                ctx.fail(ProblemException.of(403, "the " + principal(ctx).role().id() + " role may not do this"));
            }
        };
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (PUBLIC.contains(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Cookie cookie = request.getCookie(SESSION_COOKIE);
        Future<Optional<Principal>> lookup;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
                ctx.fail(ProblemException.of(401, "the Authorization header must be 'Bearer <token>'"));
                return;
            }
            lookup = token(authorization.substring(7).trim());
        } else if (cookie != null) {
            lookup = session(cookie.getValue());
        } else {
            ctx.fail(401);
            return;
        }
        if (!request.isEnded()) {
            request.pause();
        }
        lookup.onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
            } else if (result.result().isEmpty()) {
                ctx.fail(ProblemException.of(401, "the token or session is unknown, revoked or expired"));
            } else {
                admit(ctx, result.result().get());
            }
        });
    }

    private void admit(RoutingContext ctx, Principal principal) {
        if (principal.csrfToken().isPresent() && !SAFE.contains(ctx.request().method())) {
            String presented = ctx.request().getHeader(CSRF_HEADER);
            if (presented == null || !Secrets.same(presented, principal.csrfToken().get())) {
                ctx.fail(ProblemException.of(403, "cookie-authenticated writes need the session's " + CSRF_HEADER
                        + " header"));
                return;
            }
        }
        ctx.put(PRINCIPAL, principal);
        ctx.next();
    }

    private Future<Optional<Principal>> token(String token) {
        String key = "t:" + Secrets.sha256(token);
        Optional<Principal> cached = cache.get(key);
        if (cached.isPresent()) {
            return Future.succeededFuture(cached);
        }
        return blocking.transaction(dsl -> tokens.findLive(dsl, token)
                .map(t -> new Principal("token:" + t.getName(), Role.parse(t.getRole()).orElseThrow(), Optional.empty())))
                .onSuccess(p -> p.ifPresent(principal -> cache.put(key, principal)));
    }

    private Future<Optional<Principal>> session(String id) {
        String key = "s:" + Secrets.sha256(id);
        Optional<Principal> cached = cache.get(key);
        if (cached.isPresent()) {
            return Future.succeededFuture(cached);
        }
        return blocking.transaction(dsl -> sessions.find(dsl, id))
                .onSuccess(p -> p.ifPresent(principal -> cache.put(key, principal)));
    }

    /** @param tokenHash SHA-256 of a revoked token */
    public void forgetToken(String tokenHash) {
        cache.evict("t:" + tokenHash);
    }

    /** @param sessionId a session that ended */
    public void forgetSession(String sessionId) {
        cache.evict("s:" + Secrets.sha256(sessionId));
    }
}
