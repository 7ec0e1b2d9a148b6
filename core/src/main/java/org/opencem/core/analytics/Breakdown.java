package org.opencem.core.analytics;

import java.util.Locale;
import java.util.Optional;

/** What a breakdown groups by: one row per channel, touchpoint or survey. */
public enum Breakdown {
    /** One row per channel. */
    CHANNEL,
    /** One row per touchpoint. */
    TOUCHPOINT,
    /** One row per survey, its id as the key. */
    SURVEY;

    /** @return the name in the API, lower case */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param id a name in the API @return the breakdown, if it is one */
    public static Optional<Breakdown> parse(String id) {
        for (Breakdown by : values()) {
            if (by.id().equals(id)) {
                return Optional.of(by);
            }
        }
        return Optional.empty();
    }

    /** @param row a stored answer @return its group */
    String keyOf(RawAnswers.Row row) {
        return switch (this) {
            case CHANNEL -> row.channel();
            case TOUCHPOINT -> row.touchpoint();
            case SURVEY -> row.surveyId().toString();
        };
    }
}
