package org.opencem.api.http;

import io.vertx.ext.web.Router;
import org.opencem.api.annotation.PublicApi;

/**
 * The public (unauthenticated) routes of one channel instance, mounted by the core under
 * {@code /c/{channelId}/}. Routes added to {@link #router()} answer from the moment the channel starts
 * and stop answering as soon as the channel or its plugin is disabled.
 *
 * <p>Handlers run on a Vert.x event loop: never block in them; use {@code executeBlocking} or the
 * asynchronous core services. An exception thrown by a handler is answered with a 500 problem and marks
 * the owning plugin FAILED.
 */
@PublicApi
public interface PublicRoutes {

    /** @return the channel's router; paths are relative to {@link #basePath()} */
    Router router();

    /** @return the absolute path the router is mounted at, for example {@code /c/3f2a.../}, ending with a slash */
    String basePath();
}
