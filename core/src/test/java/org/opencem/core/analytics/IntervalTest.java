package org.opencem.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "DAY, 2026-03-04, 2026-03-04",
        "WEEK, 2026-03-02, 2026-03-02",
        "WEEK, 2026-03-04, 2026-03-02",
        "WEEK, 2026-03-08, 2026-03-02",
        "WEEK, 2026-01-01, 2025-12-29",
        "MONTH, 2026-02-28, 2026-02-01",
        "MONTH, 2024-02-29, 2024-02-01",
    })
    void dayBelongsToTheBucketStartingOnMondayOrTheFirst(Interval interval, LocalDate day, LocalDate bucket) {
        assertThat(interval.bucketOf(day)).isEqualTo(bucket);
    }

    @ParameterizedTest(name = "{0} {1}..{2}")
    @CsvSource(delimiter = '|', textBlock = """
            DAY   | 2026-02-27 | 2026-03-01 | 2026-02-27 2026-02-28 2026-03-01
            WEEK  | 2026-03-04 | 2026-03-16 | 2026-03-02 2026-03-09 2026-03-16
            WEEK  | 2026-03-02 | 2026-03-02 | 2026-03-02
            MONTH | 2026-01-31 | 2026-03-01 | 2026-01-01 2026-02-01 2026-03-01
            """)
    void rangeHasEveryBucketHoldingOneOfItsDays(Interval interval, LocalDate from, LocalDate to, String buckets) {
        assertThat(interval.buckets(from, to)).extracting(LocalDate::toString).containsExactly(buckets.split(" "));
    }
}
