package org.opencem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** Starts an unpacked distribution's {@code bin/opencem} the way an operator would, for the distribution tests. */
final class Launcher {

    /** A log line that reports an error or belongs to a stack trace. */
    static final Pattern ERROR_LINE =
            Pattern.compile("(^|\\s)(ERROR|FATAL)\\s|^Exception in thread|^\\s+at [\\w$.]+\\(|^Caused by: ");

    private static final String TARBALL = System.getProperty("opencem.dist.tarball");
    private static final String NAME = System.getProperty("opencem.dist.name");

    private Launcher() {
    }

    /**
     * Unpacks the tarball built by {@code package} with {@code tar}, which keeps the executable bit.
     *
     * @param work the folder to unpack into
     * @return the distribution's home folder
     */
    static Path unpack(Path work) throws IOException, InterruptedException {
        assertThat(Path.of(TARBALL)).as("the tarball built by `package`").isRegularFile();
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", TARBALL, "-C", unpacked.toString())
                .redirectErrorStream(true)
                .start();
        String tarOutput = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as("tar -xzf %s: %s", TARBALL, tarOutput).isZero();
        return unpacked.resolve(NAME);
    }

    /**
     * Starts a server and waits until {@code GET /health/ready} answers 200.
     *
     * @param builder a process from {@link #opencem}
     * @param port the port it listens on
     * @param log its output
     * @return the running process
     */
    static Process startReady(ProcessBuilder builder, int port, Path log) throws IOException {
        Process server = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await("GET /health/ready answers 200 (server output in " + log + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("the server process exited; its output:\n" + log, () -> !server.isAlive())
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        return server;
    }

    /**
     * @param home the unpacked distribution
     * @param workDir the working directory
     * @param log where its output goes
     * @param port the port to listen on (127.0.0.1)
     * @param dataDir its data dir
     * @param token the admin API token it creates at first start
     * @return the process to start, with no other {@code OPENCEM_*} setting or {@code JAVA_OPTS} of ours leaking in
     */
    static ProcessBuilder opencem(Path home, Path workDir, Path log, int port, Path dataDir, String token) {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/opencem").toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OPENCEM_") || name.equals("JAVA_OPTS"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("OPENCEM_HTTP_HOST", "127.0.0.1");
        env.put("OPENCEM_HTTP_PORT", Integer.toString(port));
        env.put("OPENCEM_DATA_DIR", dataDir.toString());
        env.put("OPENCEM_ADMIN_TOKEN", token);
        return builder;
    }

    /** @return a TCP port nothing listens on */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param length how many characters @return a random token of letters and digits */
    static String randomToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
