package org.opencem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time used during a phase, from {@code /proc}: by the server process, by this load generator, and by the
 * whole machine (so what other processes took shows too). Linux only, like the rest of the benchmark.
 */
final class CpuMeter {

    /** Clock ticks per second of {@code /proc} times: USER_HZ, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /** A machine busier than this, in cores, is not quiet: another job is running (10% of 2 cores). */
    static final double QUIET_BUSY_CORES = 0.2;

    private final long serverPid;
    private final long ownPid = ProcessHandle.current().pid();

    /**
     * CPU used over a phase, each in cores (1.0 = one core busy all the time).
     *
     * @param server the server process
     * @param loadGenerator this process
     * @param machine every process, out of {@code Runtime.availableProcessors()}
     */
    record Usage(double server, double loadGenerator, double machine) {

        /** @return what other processes used */
        double others() {
            return Math.max(0, machine - server - loadGenerator);
        }
    }

    /** Readings at the start of a phase. */
    final class Start {
        private final long nanos = System.nanoTime();
        private final long server = processTicks(serverPid);
        private final long own = processTicks(ownPid);
        private final long busy = machineBusyTicks();

        /** @return the usage since this start */
        Usage stop() {
            double seconds = (System.nanoTime() - nanos) / 1e9;
            return new Usage(cores(processTicks(serverPid) - server, seconds), cores(processTicks(ownPid) - own, seconds),
                    cores(machineBusyTicks() - busy, seconds));
        }
    }

    /** @param serverPid the server's JVM */
    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    /** @return readings to stop at the end of the phase */
    Start start() {
        return new Start();
    }

    /**
     * Waits for a second in which the whole machine was less than {@code maxBusyCores} busy (other jobs on the
     * same cores make a phase meaningless), for at most {@code maxWait}.
     *
     * @return the busy cores of the last second waited
     */
    double awaitQuiet(Duration maxWait, double maxBusyCores) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        double busy;
        do {
            long before = machineBusyTicks();
            Thread.sleep(1_000);
            busy = cores(machineBusyTicks() - before, 1);
        } while (busy >= maxBusyCores && System.nanoTime() < deadline);
        return busy;
    }

    private static double cores(long ticks, double seconds) {
        return ticks / TICKS_PER_SECOND / seconds;
    }

    /** utime + stime of a process, all its threads. */
    private static long processTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name may hold spaces: fields are counted after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Ticks of all CPUs that were neither idle nor waiting for I/O. */
    private static long machineBusyTicks() {
        String[] fields = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
