package org.opencem.api.channel;

import org.opencem.api.annotation.PublicApi;
import org.opencem.api.config.Configuration;
import org.opencem.api.http.PublicRoutes;

/** What the core gives a channel instance when it is created. */
@PublicApi
public interface ChannelContext {

    /** @return the instance's id, stable for its life */
    String channelId();

    /** @return the name the admin gave the instance */
    String name();

    /** @return the configuration, validated against the type's schema, defaults applied */
    Configuration config();

    /** @return the instance's public routes under {@code /c/{channelId}/} */
    PublicRoutes routes();
}
