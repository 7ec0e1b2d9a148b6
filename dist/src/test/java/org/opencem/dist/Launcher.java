package org.opencem.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Pattern;

/** Starts an unpacked distribution's {@code bin/opencem} the way an operator would, for the distribution tests. */
final class Launcher {

    /** A log line that reports an error or belongs to a stack trace. */
    static final Pattern ERROR_LINE =
            Pattern.compile("(^|\\s)(ERROR|FATAL)\\s|^Exception in thread|^\\s+at [\\w$.]+\\(|^Caused by: ");

    private Launcher() {
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
