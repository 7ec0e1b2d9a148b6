package org.opencem.core.analytics;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.opencem.api.metric.Counters;

/**
 * What one answer adds to one metric's counters, at full detail; {@link RollupWriter} adds it to every grain.
 *
 * @param metric the metric id
 * @param surveyId the survey answered
 * @param questionId the question answered
 * @param channel the response's channel
 * @param touchpoint the response's touchpoint key
 * @param occurredAt when the answer was given; its day in the reporting zone is the rollup day
 * @param counters the metric's fold of the answer
 */
public record RollupDelta(String metric, UUID surveyId, String questionId, String channel, String touchpoint,
                          Instant occurredAt, Counters counters) {

    /** Requires every field. */
    public RollupDelta {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(surveyId, "surveyId");
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(touchpoint, "touchpoint");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(counters, "counters");
    }
}
