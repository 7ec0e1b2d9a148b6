package org.opencem.core.analytics;

import java.util.Locale;

/** Whether a metric's rollups hold every stored answer ({@code metric_rollup_state.status}). */
public enum RollupStatus {
    /** They do: series are read from them. */
    READY,
    /** Answers may have been stored without them (the metric was away, or its counters or time zone changed). */
    STALE,
    /** A rebuild is under way. */
    BUILDING;

    /** @return the stored and answered name, lower case */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RollupStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
