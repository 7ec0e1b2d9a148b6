package org.opencem.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A Java Flight Recorder recording of the server over one phase, started and stopped with {@code jcmd}, so a
 * profile shows one kind of load only. For diagnosis: sampling costs the server a little CPU.
 */
final class ServerRecording {

    private final long pid;
    private final Path dir;
    private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    /**
     * @param pid the server's JVM
     * @param dir where recordings are written, as {@code <phase>.jfr}
     */
    ServerRecording(long pid, Path dir) {
        this.pid = pid;
        this.dir = dir;
    }

    void start(String phase) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=" + phase, "settings=profile");
    }

    /** @return the recording's file */
    Path stop(String phase) throws IOException, InterruptedException {
        Path file = dir.resolve(phase + ".jfr");
        jcmd("JFR.stop", "name=" + phase, "filename=" + file);
        return file;
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        String[] line = new String[command.length + 2];
        line[0] = jcmd;
        line[1] = Long.toString(pid);
        System.arraycopy(command, 0, line, 2, command.length);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", line) + " failed: " + output);
        }
    }
}
