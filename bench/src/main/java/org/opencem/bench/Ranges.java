package org.opencem.bench;

/**
 * How far back each timed request moves its date range. H2 gives a prepared query the result of its previous run
 * when its parameters and the tables it reads are unchanged ({@code OPTIMIZE_REUSE_RESULTS}, on by default, also
 * in the server), so the same query repeated on a store nobody writes to would time a cached result, on both
 * sides. A server taking responses changes its rollups all the time; here, moving the range by a day from one
 * request to the next makes every request compute its answer.
 */
final class Ranges {

    /** Ranges cycle over this many days: a one-year range moves within a month. */
    private static final int CYCLE = 30;

    private Ranges() {
    }

    /** @param request the request's index @return the days to move its range back by */
    static int shift(int request) {
        return request % CYCLE;
    }
}
