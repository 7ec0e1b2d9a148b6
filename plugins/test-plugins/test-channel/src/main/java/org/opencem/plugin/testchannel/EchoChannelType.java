package org.opencem.plugin.testchannel;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.opencem.api.channel.Channel;
import org.opencem.api.channel.ChannelContext;
import org.opencem.api.channel.ChannelType;
import org.opencem.api.config.ConfigSchema;
import org.opencem.api.plugin.PluginInfo;
import org.pf4j.Extension;

/** The {@code test-echo} channel type. Injects {@link PluginInfo} to prove the core binds it per plugin. */
@Extension
@Singleton
public final class EchoChannelType implements ChannelType {

    private final PluginInfo plugin;

    /** @param plugin this plugin's facts, bound by the core */
    @Inject
    public EchoChannelType(PluginInfo plugin) {
        this.plugin = plugin;
    }

    @Override
    public String id() {
        return "test-echo";
    }

    @Override
    public String displayName() {
        return "Test echo";
    }

    @Override
    public ConfigSchema configSchema() {
        return EchoChannelConfig.SCHEMA;
    }

    @Override
    public Channel create(ChannelContext context) {
        return new EchoChannel(context, EchoChannelConfig.from(context.config()), plugin);
    }
}
