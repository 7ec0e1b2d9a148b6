package org.opencem.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opencem.core.config.ConfigException;
import org.opencem.core.config.ConfigLoader;
import org.opencem.core.config.ServerConfig;

/**
 * Command-line entry point: reads {@code $OPENCEM_CONFIG}, else {@code <opencem.home>/conf/opencem.yaml}
 * when it exists, applies {@code OPENCEM_*} overrides, starts the server, and stops it cleanly on SIGTERM
 * or Ctrl-C.
 */
public final class Main {

    private Main() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = new ConfigLoader().load(configFile(), System.getenv());
        } catch (ConfigException e) {
            System.err.println("opencem: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        OpenCemServer server;
        try {
            server = OpenCemServer.start(config);
        } catch (ConfigException e) {
            System.err.println("opencem: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("OpenCEM failed to start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "opencem-shutdown"));
    }

    private static Optional<Path> configFile() {
        String explicit = System.getenv("OPENCEM_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            Path file = Path.of(explicit);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("OPENCEM_CONFIG names " + file + ", which is not a file");
            }
            return Optional.of(file);
        }
        Path home = Path.of(System.getProperty("opencem.home", "."));
        Path file = home.resolve("conf").resolve("opencem.yaml");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
