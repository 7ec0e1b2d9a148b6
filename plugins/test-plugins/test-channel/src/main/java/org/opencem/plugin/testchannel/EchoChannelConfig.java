package org.opencem.plugin.testchannel;

import org.opencem.api.config.ConfigSchema;
import org.opencem.api.config.Configuration;
import org.opencem.api.config.PropertyType;

/**
 * The configuration of a test-echo channel.
 *
 * @param greeting the text {@code GET /hello} echoes
 * @param hasApiKey whether the secret {@code apiKey} is set
 * @param repeat how many times the greeting is repeated, 1 to 5
 * @param mode {@code a} or {@code b}
 */
record EchoChannelConfig(String greeting, boolean hasApiKey, int repeat, String mode) {

    /** One property of each kind the core must handle: required text, secret, bounded integer, enum. */
    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .property("greeting").label("Greeting").help("The text GET /hello answers.").required().max(50).add()
            .property("apiKey").label("API key").type(PropertyType.SECRET).add()
            .property("repeat").label("Repeat").type(PropertyType.INTEGER).min(1).max(5).defaultValue(1L).add()
            .property("mode").label("Mode").options("a", "b").defaultValue("a").add()
            .build();

    static EchoChannelConfig from(Configuration config) {
        return new EchoChannelConfig(
                config.string("greeting").orElseThrow(),
                config.string("apiKey").isPresent(),
                config.integer("repeat").orElseThrow().intValue(),
                config.string("mode").orElseThrow());
    }
}
