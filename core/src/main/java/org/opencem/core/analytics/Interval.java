package org.opencem.core.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The width of a series' buckets. Buckets follow the calendar and are named by their first day: a week starts on
 * Monday, a month on its first day. The first and last buckets of a range may be partial: they hold only the
 * range's days.
 */
public enum Interval {
    /** One bucket per day. */
    DAY,
    /** One bucket per week, Monday to Sunday. */
    WEEK,
    /** One bucket per calendar month. */
    MONTH;

    /** @param day a day @return the first day of its bucket */
    public LocalDate bucketOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** @param bucket a bucket's first day @return the next bucket's first day */
    public LocalDate next(LocalDate bucket) {
        return switch (this) {
            case DAY -> bucket.plusDays(1);
            case WEEK -> bucket.plusWeeks(1);
            case MONTH -> bucket.plusMonths(1);
        };
    }

    /**
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return the first day of every bucket holding a day of the range, in order
     */
    public List<LocalDate> buckets(LocalDate from, LocalDate to) {
        List<LocalDate> buckets = new ArrayList<>();
        for (LocalDate bucket = bucketOf(from); !bucket.isAfter(to); bucket = next(bucket)) {
            buckets.add(bucket);
        }
        return buckets;
    }

    /** @return the name in the API, lower case */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param id a name in the API @return the interval, if it is one */
    public static Optional<Interval> parse(String id) {
        for (Interval interval : values()) {
            if (interval.id().equals(id)) {
                return Optional.of(interval);
            }
        }
        return Optional.empty();
    }
}
