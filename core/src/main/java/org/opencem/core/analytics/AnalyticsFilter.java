package org.opencem.core.analytics;

import java.util.Optional;
import java.util.UUID;

/**
 * Which answers analytics read: every filter given must match. A question is only named within its survey.
 *
 * @param survey only this survey's answers
 * @param question only answers to this question of {@code survey}
 * @param channel only responses on this channel
 * @param touchpoint only responses at this touchpoint
 * @param segment only responses of these customers
 */
public record AnalyticsFilter(Optional<UUID> survey, Optional<String> question, Optional<String> channel,
                              Optional<String> touchpoint, Optional<Segment> segment) {

    /** Every answer. */
    public static final AnalyticsFilter NONE = new AnalyticsFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** Checks that a question comes with its survey. */
    public AnalyticsFilter {
        if (question.isPresent() && survey.isEmpty()) {
            throw new IllegalArgumentException("a question is only named within its survey");
        }
    }
}
