package org.opencem.plugin.testchannel;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Collections;
import org.opencem.api.channel.Channel;
import org.opencem.api.channel.ChannelContext;
import org.opencem.api.plugin.PluginInfo;

/**
 * One test-echo channel. Its routes, under {@code /c/{channelId}/}: {@code GET /hello} answers its
 * configuration as JSON, {@code GET /boom} throws, {@code GET /slow} answers after one second (an
 * in-flight request for graceful-shutdown tests).
 */
final class EchoChannel implements Channel {

    private final ChannelContext context;
    private final EchoChannelConfig config;
    private final PluginInfo plugin;

    EchoChannel(ChannelContext context, EchoChannelConfig config, PluginInfo plugin) {
        this.context = context;
        this.config = config;
        this.plugin = plugin;
    }

    @Override
    public void start() {
        // The core mounts this router as a sub-router of /c/{channelId}/*, which strips that prefix.
        Router router = context.routes().router();
        router.get("/hello").handler(rc -> rc.json(hello()));
        router.get("/slow").handler(rc -> rc.vertx().setTimer(1000, id -> rc.json(hello())));
        router.get("/boom").handler(rc -> {
            throw new IllegalStateException("boom from test-echo");
        });
    }

    private JsonObject hello() {
        return new JsonObject()
                .put("greeting", String.join(" ", Collections.nCopies(config.repeat(), config.greeting())))
                .put("mode", config.mode())
                .put("channelId", context.channelId())
                .put("plugin", plugin.id())
                .put("hasApiKey", config.hasApiKey());
    }
}
