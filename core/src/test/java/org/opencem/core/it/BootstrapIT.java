package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencem.core.config.ConfigException;

/** First-start bootstrap of the admin user and token. */
class BootstrapIT {

    @TempDir
    Path home;

    @Test
    void aBootstrapTokenShorterThan32CharactersRefusesTheStart() {
        assertThatThrownBy(() -> TestServer.start(home, Map.of("OPENCEM_ADMIN_TOKEN", "too-short-token")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OPENCEM_ADMIN_TOKEN")
                .hasMessageContaining("32");
    }

    @Test
    void theBootstrapTokenWorksAfterARestartAndIsNotCreatedTwice() {
        try (TestServer server = TestServer.start(home)) {
            server.restart();
            assertThat(server.adminGet("/api/v1/plugins").statusCode()).isEqualTo(200);
            assertThat(JsonAssertions.json(server.adminGet("/api/v1/tokens"))).as("one bootstrap token").hasSize(1);
            assertThat(JsonAssertions.json(server.adminGet("/api/v1/users"))).as("one admin").hasSize(1);
        }
    }
}
