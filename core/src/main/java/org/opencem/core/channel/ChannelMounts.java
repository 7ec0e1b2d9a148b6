package org.opencem.core.channel;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Consumer;
import org.opencem.api.http.PublicRoutes;
import org.opencem.core.http.FailureHandler;
import org.opencem.core.http.ProblemException;
import org.opencem.core.plugin.Registration;

/**
 * Mounts each running channel's public router under {@code /c/{channelId}/} on the server's router, and
 * unmounts it the moment the channel stops. A handler that throws is answered with a 500 problem and
 * reported, so its plugin can be marked FAILED.
 */
@Singleton
public final class ChannelMounts {

    private static final FailureHandler FAILURES = new FailureHandler();

    private final Vertx vertx;
    private volatile Router server;

    @Inject
    ChannelMounts(Vertx vertx) {
        this.vertx = vertx;
    }

    /** @param router the server's root router, set once before any channel starts */
    public void attach(Router router) {
        this.server = router;
    }

    /** Public routes not mounted yet. */
    final class Pending implements PublicRoutes {
        private final Router router = Router.router(vertx);
        private final String basePath;

        private Pending(String channelId) {
            this.basePath = "/c/" + channelId + "/";
        }

        @Override
        public Router router() {
            return router;
        }

        @Override
        public String basePath() {
            return basePath;
        }
    }

    Pending prepare(String channelId) {
        return new Pending(channelId);
    }

    /**
     * @param routes the channel's routes, from {@link #prepare}
     * @param onThrow told when a handler of the channel throws
     * @return the handle that unmounts them
     */
    Registration mount(Pending routes, Consumer<Throwable> onThrow) {
        Router root = server;
        if (root == null) {
            throw new IllegalStateException("the HTTP router is not attached yet");
        }
        // Failures of a sub-router are routed on the root router, so the channel's failure handler is a
        // root route ordered before the server-wide one.
        Route failures = root.route(routes.basePath + "*").order(-1).failureHandler(ctx -> answerFailure(ctx, onThrow));
        Route route = root.route(routes.basePath + "*").subRouter(routes.router);
        return () -> {
            route.remove();
            failures.remove();
        };
    }

    private static void answerFailure(RoutingContext ctx, Consumer<Throwable> onThrow) {
        Throwable failure = ctx.failure();
        if (failure != null && !(failure instanceof ProblemException)) {
            onThrow.accept(failure);
        }
        FAILURES.handle(ctx);
    }
}
