package org.opencem.api.metric;

import java.util.Arrays;
import org.opencem.api.annotation.PublicApi;

/**
 * A fixed-length vector of additive counters. Not thread-safe: each fold works on its own instance.
 */
@PublicApi
public final class Counters {

    private final long[] values;

    private Counters(long[] values) {
        this.values = values;
    }

    /** @param length the number of counters @return counters of that length, all zero */
    public static Counters zero(int length) {
        return new Counters(new long[length]);
    }

    /** @param values the counter values @return counters holding a copy of them */
    public static Counters of(long... values) {
        return new Counters(values.clone());
    }

    /** @return the number of counters */
    public int length() {
        return values.length;
    }

    /** @param index counter position @return its value */
    public long get(int index) {
        return values[index];
    }

    /**
     * Adds to one counter.
     *
     * @param index counter position
     * @param delta amount to add, never negative
     * @return this
     */
    public Counters add(int index, long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("counters only add: delta " + delta);
        }
        values[index] = Math.addExact(values[index], delta);
        return this;
    }

    /** @param other counters of the same length @return this, with other added element-wise */
    public Counters merge(Counters other) {
        if (other.values.length != values.length) {
            throw new IllegalArgumentException("cannot merge " + other.values.length + " counters into " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.addExact(values[i], other.values[i]);
        }
        return this;
    }

    /** @return the sum of all counters */
    public long total() {
        long sum = 0;
        for (long v : values) {
            sum = Math.addExact(sum, v);
        }
        return sum;
    }

    /** @return a copy of the values */
    public long[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Counters c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
