package org.opencem.bench;

import java.util.Arrays;

/** Latencies in microseconds, every one kept (a run holds at most a few million), for exact percentiles. */
final class Latencies {

    private long[] micros = new long[1 << 16];
    private int size;
    private boolean sorted;

    /** Records one latency; not thread-safe: one instance per event loop. */
    void record(long latencyMicros) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = latencyMicros;
        sorted = false;
    }

    /** @param others the latencies to add to these */
    void addAll(Latencies others) {
        for (int i = 0; i < others.size; i++) {
            record(others.micros[i]);
        }
    }

    /** @param percent 0 to 100 @return the latency at that percentile, by nearest rank, in milliseconds */
    double percentileMillis(double percent) {
        if (size == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(micros, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(percent / 100 * size);
        return micros[Math.max(0, Math.min(size, rank) - 1)] / 1000.0;
    }

    /** @return the largest latency in milliseconds */
    double maxMillis() {
        return percentileMillis(100);
    }
}
