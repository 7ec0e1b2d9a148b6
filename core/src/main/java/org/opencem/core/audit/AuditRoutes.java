package org.opencem.core.audit;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Role;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.ProblemException;
import org.opencem.core.http.Responses;
import org.opencem.core.store.Blocking;

/**
 * {@code GET /api/v1/audit?limit=&cursor=&action=}: the audit log, newest first, for admins. The answer's
 * {@code next} is the cursor of the following page, absent on the last one.
 */
@Singleton
public final class AuditRoutes implements ApiRoutes {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final Blocking blocking;
    private final AuditLog audit;

    @Inject
    AuditRoutes(Blocking blocking, AuditLog audit) {
        this.blocking = blocking;
        this.audit = audit;
    }

    @Override
    public void mount(Router api) {
        api.get("/audit").handler(Authenticator.allow(Role.ADMIN)).handler(this::read);
    }

    private void read(RoutingContext ctx) {
        int limit = number(ctx, "limit").map(n -> (int) Math.min(n, Integer.MAX_VALUE)).orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badField("limit", "must be from 1 to " + MAX_LIMIT);
        }
        Optional<Long> cursor = number(ctx, "cursor");
        Optional<String> action = Optional.ofNullable(ctx.queryParams().get("action")).filter(a -> !a.isBlank());
        blocking.transaction(dsl -> audit.read(dsl, cursor, action, limit + 1)).onSuccess(entries -> {
            Map<String, Object> page = new LinkedHashMap<>();
            List<AuditLog.Entry> items = entries.size() > limit ? entries.subList(0, limit) : entries;
            page.put("items", items);
            if (entries.size() > limit) {
                page.put("next", Long.toString(items.get(items.size() - 1).id()));
            }
            Responses.ok(ctx, page);
        }).onFailure(ctx::fail);
    }

    private static Optional<Long> number(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw ProblemException.badField(name, "must be a whole number");
        }
    }
}
