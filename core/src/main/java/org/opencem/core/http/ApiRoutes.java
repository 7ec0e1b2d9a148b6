package org.opencem.core.http;

import io.vertx.ext.web.Router;

/**
 * A feature's routes under {@code /api/v1}. Mounted behind authentication and the body limit; each
 * route states the roles it allows with {@code Authenticator.allow}.
 */
public interface ApiRoutes {

    /** @param api the router mounted at {@code /api/v1} */
    void mount(Router api);
}
