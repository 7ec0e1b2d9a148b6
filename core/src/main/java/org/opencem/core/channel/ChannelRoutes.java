package org.opencem.core.channel;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
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

/** {@code /api/v1/channels}: channel instances and their configuration. */
@Singleton
public final class ChannelRoutes implements ApiRoutes {

    private static final Set<String> FIELDS = Set.of("type", "name", "config", "enabled");

    private final Blocking blocking;
    private final ChannelService channels;

    @Inject
    ChannelRoutes(Blocking blocking, ChannelService channels) {
        this.blocking = blocking;
        this.channels = channels;
    }

    @Override
    public void mount(Router api) {
        var read = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR, Role.ANALYST);
        var write = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR);
        api.get("/channels").handler(read).handler(ctx -> answer(ctx, 200, channels::list));
        api.post("/channels").handler(write).handler(this::create);
        api.get("/channels/:id").handler(read).handler(ctx -> {
            UUID id = Ids.uuid(ctx, "id");
            answer(ctx, 200, () -> channels.get(id));
        });
        api.put("/channels/:id").handler(write).handler(this::update);
        api.delete("/channels/:id").handler(write).handler(ctx -> {
            UUID id = Ids.uuid(ctx, "id");
            Principal actor = Authenticator.principal(ctx);
            blocking.run(() -> {
                channels.delete(id, actor);
                return null;
            }).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
        });
        api.post("/channels/:id/enable").handler(write).handler(ctx -> toggle(ctx, true));
        api.post("/channels/:id/disable").handler(write).handler(ctx -> toggle(ctx, false));
    }

    private void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx).only(FIELDS);
        String type = body.requiredText("type", 64);
        String name = body.requiredText("name", 200);
        var config = body.optionalObject("config");
        boolean enabled = body.optionalBoolean("enabled").orElse(true);
        body.validate();
        Principal actor = Authenticator.principal(ctx);
        answer(ctx, 201, () -> channels.create(type, name, config, enabled, actor));
    }

    private void update(RoutingContext ctx) {
        UUID id = Ids.uuid(ctx, "id");
        JsonBody body = JsonBody.of(ctx).only(FIELDS);
        Optional<String> name = body.optionalText("name", 200);
        body.optionalText("type", 64).ifPresent(t -> body.error("type", "cannot be changed; create a new channel"));
        var config = body.optionalObject("config");
        Optional<Boolean> enabled = body.optionalBoolean("enabled");
        body.validate();
        Principal actor = Authenticator.principal(ctx);
        answer(ctx, 200, () -> channels.update(id, name, config, enabled, actor));
    }

    private void toggle(RoutingContext ctx, boolean enabled) {
        UUID id = Ids.uuid(ctx, "id");
        Principal actor = Authenticator.principal(ctx);
        answer(ctx, 200, () -> channels.setEnabled(id, enabled, actor));
    }

    private void answer(RoutingContext ctx, int status, java.util.concurrent.Callable<Object> work) {
        blocking.run(work).onSuccess(result -> Responses.json(ctx, status, result)).onFailure(ctx::fail);
    }
}
