package org.opencem.core.http;

import io.vertx.ext.web.Router;
import java.util.Set;

/**
 * A feature's routes under {@code /api/v1}. Mounted behind authentication and the body limit; each
 * route states the roles it allows with {@code Authenticator.allow}.
 */
public interface ApiRoutes {

    /** @param api the router mounted at {@code /api/v1} */
    void mount(Router api);

    /**
     * Routes that read their request body themselves, streaming it (a large upload), get no body handler:
     * the request reaches them paused and unread.
     *
     * @return the full paths of those routes ({@code /api/v1/...}); none by default
     */
    default Set<String> streamedBodyPaths() {
        return Set.of();
    }
}
