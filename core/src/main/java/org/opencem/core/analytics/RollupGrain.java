package org.opencem.core.analytics;

import java.util.List;
import java.util.UUID;

/**
 * The levels of detail a rollup row is kept at. Every delta is added at each grain, with {@link #ANY} (or
 * {@link #ANY_SURVEY}) in the dimensions the grain sums over, so that a series is read from the smallest grain
 * that still has the dimensions it filters on: its cost follows the number of days asked for, not the number of
 * responses or of channel and touchpoint combinations. Client values can never be {@link #ANY}: channels,
 * touchpoints and question ids do not admit {@code *}.
 */
public enum RollupGrain {
    /** Survey, question, channel and touchpoint: breakdowns and any combination of filters. */
    DETAIL(true, true, true),
    /** Survey and question, over every channel and touchpoint. */
    SURVEY(true, false, false),
    /** Every survey, by channel. */
    CHANNEL(false, true, false),
    /** Every survey, by touchpoint. */
    TOUCHPOINT(false, false, true),
    /** Every survey, channel and touchpoint. */
    ALL(false, false, false);

    /** The value of a summed-over text dimension (question, channel, touchpoint). */
    public static final String ANY = "*";
    /** The survey id of rows summed over every survey. */
    public static final UUID ANY_SURVEY = new UUID(0, 0);

    private final boolean survey;
    private final boolean channel;
    private final boolean touchpoint;

    RollupGrain(boolean survey, boolean channel, boolean touchpoint) {
        this.survey = survey;
        this.channel = channel;
        this.touchpoint = touchpoint;
    }

    /** @return whether rows of this grain keep the survey and question */
    public boolean keepsSurvey() {
        return survey;
    }

    /** @return whether rows of this grain keep the channel */
    public boolean keepsChannel() {
        return channel;
    }

    /** @return whether rows of this grain keep the touchpoint */
    public boolean keepsTouchpoint() {
        return touchpoint;
    }

    /**
     * @param survey whether the rows must keep the survey (and question)
     * @param channel whether they must keep the channel
     * @param touchpoint whether they must keep the touchpoint
     * @return the coarsest grain that keeps them
     */
    public static RollupGrain keeping(boolean survey, boolean channel, boolean touchpoint) {
        return List.of(ALL, SURVEY, CHANNEL, TOUCHPOINT, DETAIL).stream()
                .filter(g -> (g.survey || !survey) && (g.channel || !channel) && (g.touchpoint || !touchpoint))
                .findFirst().orElseThrow();
    }
}
