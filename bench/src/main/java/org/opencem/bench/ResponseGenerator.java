package org.opencem.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;
import org.opencem.api.survey.Answer;

/**
 * Generates the responses of an {@link AnalyticsDataset} in time order, from a fixed seed: the same counts give the
 * same data.
 *
 * <p>What makes it look like a real programme: more responses on weekdays than at weekends and during the day
 * than at night, a volume growing by half over the two years; channels and touchpoints of unequal traffic (the
 * first steps of a channel are the busiest); NPS scores skewed high (about 55% promoters, 20% detractors, NPS
 * near 30) with touchpoints better or worse than others, support worse than the rest, a slow improvement over
 * time and slightly happier weekends; CSAT and CES scores that follow the NPS score; comments more often from
 * detractors; 5% of responses left partial (the NPS score only); a quarter of responses anonymous.
 */
final class ResponseGenerator {

    /**
     * One answer and when it was given (the comment comes a few minutes after the scores).
     *
     * @param answer the answer
     * @param answeredAt when it was given
     */
    record TimedAnswer(Answer answer, Instant answeredAt) {
    }

    /**
     * One generated response.
     *
     * @param id the response's id
     * @param key its idempotency key
     * @param survey the survey's index in {@link AnalyticsDataset#SURVEYS}
     * @param customer the customer's index, or -1 when anonymous
     * @param channel the channel's index in {@link AnalyticsDataset#CHANNELS}
     * @param touchpoint the touchpoint key
     * @param locale the response's locale
     * @param occurredAt when it was given
     * @param answers its answers, the NPS score first
     * @param completedAt when its last question was answered; null when partial
     */
    record Generated(UUID id, String key, int survey, int customer, int channel, String touchpoint, String locale,
                     Instant occurredAt, List<TimedAnswer> answers, Instant completedAt) {

        /** @return when its last answer was given */
        Instant updatedAt() {
            return answers.get(answers.size() - 1).answeredAt();
        }
    }

    /** Receives the generated responses in time order. */
    interface Sink {
        void accept(Generated response) throws Exception;
    }

    private static final double[] WEEKDAY = {1.10, 1.05, 1.0, 1.0, 0.95, 0.60, 0.50}; // Monday first
    private static final double[] HOURS = cumulative(new double[] {0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.5, 3.5,
        4.0, 4.2, 4.0, 3.6, 3.4, 3.4, 3.5, 3.8, 4.2, 4.6, 4.2, 3.0, 1.6, 0.6});
    private static final double[] CHANNELS = cumulative(new double[] {0.35, 0.25, 0.15, 0.10, 0.15});
    private static final double[] STEPS = cumulative(IntStream.range(0, 10)
            .mapToDouble(i -> 1 / Math.pow(i + 1, 0.8)).toArray());
    /** Per channel, the share of each survey: web, email, store, kiosk, support. */
    private static final double[][] SURVEYS_BY_CHANNEL = {
        cumulative(new double[] {0.25, 0.45, 0.05, 0.25}),
        cumulative(new double[] {0.60, 0.20, 0.05, 0.15}),
        cumulative(new double[] {0.20, 0.70, 0.05, 0.05}),
        cumulative(new double[] {0.30, 0.60, 0.05, 0.05}),
        cumulative(new double[] {0.10, 0.05, 0.85, 0.00})};
    private static final String[] LOCALES = {"en", "pt", "es", "fr"};
    private static final double[] LOCALE_SHARES = cumulative(new double[] {0.55, 0.20, 0.15, 0.10});
    /** Scores 0 to 6 of an unhappy customer, and 7 to 10 of a happy one. */
    private static final double[] UNHAPPY = cumulative(new double[] {1, 1, 1.5, 2, 3, 5, 7});
    private static final double[] HAPPY = cumulative(new double[] {1.6, 2.6, 3.2, 4.0});
    private static final String[][] COMMENTS = {
        {"Waited too long.", "Nobody answered my question.", "The product broke after a week.",
            "Too expensive for what it is.", "The website kept logging me out."},
        {"Fine, nothing special.", "Delivery was a day late.", "Good, but the app is slow."},
        {"Great service, thank you!", "Fast and friendly.", "Exactly what I needed.", "The staff were very helpful."}};
    private static final double ANONYMOUS = 0.25;
    private static final double PARTIAL = 0.05;

    private final AnalyticsDataset dataset;
    private final boolean randomIds;
    private final SplittableRandom random = new SplittableRandom(20261101);
    /** Each touchpoint's quality: its unhappy share is this much lower (or higher, when negative). */
    private final double[] quality = new double[AnalyticsDataset.CHANNELS.size() * AnalyticsDataset.STEPS.size()];
    private long sequence;

    /**
     * @param dataset the dataset to generate
     * @param randomIds whether response ids are random (version 4, as the server makes them) rather than starting
     *     with their time (as version 7 does)
     */
    ResponseGenerator(AnalyticsDataset dataset, boolean randomIds) {
        this.dataset = dataset;
        this.randomIds = randomIds;
        for (int t = 0; t < quality.length; t++) {
            quality[t] = ((t * 37) % 11 - 5) * 0.02 - (t / AnalyticsDataset.STEPS.size() == 4 ? 0.05 : 0);
        }
    }

    /** @return a random UUID (version 4) from the generator's seed, so that reruns give the same ids */
    UUID uuid() {
        long msb = random.nextLong() & ~0xF000L | 0x4000L;
        long lsb = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** @return a UUID of version 7's layout: the time in milliseconds, then random bits */
    private UUID uuidAt(Instant at) {
        long msb = at.toEpochMilli() << 16 | 0x7000L | random.nextInt(0x1000);
        long lsb = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** @return a random index below {@code bound} */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** @param sink receives every response, day by day */
    void generate(Sink sink) throws Exception {
        long[] perDay = responsesPerDay();
        ZoneId zone = dataset.zone();
        for (int d = 0; d < AnalyticsDataset.DAYS; d++) {
            LocalDate day = AnalyticsDataset.start().plusDays(d);
            Instant midnight = day.atStartOfDay(zone).toInstant();
            boolean weekend = day.getDayOfWeek().getValue() >= DayOfWeek.SATURDAY.getValue();
            double improvement = 0.06 * d / AnalyticsDataset.DAYS + (weekend ? 0.02 : 0);
            // In time order within the day too, as a server records them: ids and time indexes grow at their end.
            long[] seconds = new long[Math.toIntExact(perDay[d])];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = pick(HOURS) * 3600L + random.nextInt(3600);
            }
            Arrays.sort(seconds);
            for (long second : seconds) {
                sink.accept(response(midnight.plusSeconds(second), improvement));
            }
        }
    }

    private Generated response(Instant at, double improvement) {
        int channel = pick(CHANNELS);
        int step = pick(STEPS);
        int survey = pick(SURVEYS_BY_CHANNEL[channel]);
        double unhappy = Math.min(0.6, Math.max(0.03,
                0.20 - quality[channel * AnalyticsDataset.STEPS.size() + step] - improvement));
        long nps = random.nextDouble() < unhappy ? pick(UNHAPPY) : 7 + pick(HAPPY);
        boolean partial = random.nextDouble() < PARTIAL;
        List<TimedAnswer> answers = new ArrayList<>(3);
        answers.add(new TimedAnswer(new Answer("nps", "nps", nps), at));
        if (!partial) {
            for (AnalyticsDataset.Question question : AnalyticsDataset.SURVEYS.get(survey).questions()) {
                switch (question.type()) {
                    case "csat" -> answers.add(new TimedAnswer(new Answer(question.id(), "csat",
                            scale(1 + nps * 0.4, 0.7, 1, 5)), at));
                    case "ces" -> answers.add(new TimedAnswer(new Answer(question.id(), "ces",
                            scale(1 + nps * 0.6, 0.9, 1, 7)), at));
                    case "text" -> {
                        int mood = nps <= 6 ? 0 : nps <= 8 ? 1 : 2;
                        if (random.nextDouble() < (mood == 0 ? 0.35 : 0.15)) {
                            String[] texts = COMMENTS[mood];
                            answers.add(new TimedAnswer(new Answer(question.id(), "text", texts[random.nextInt(texts.length)]),
                                    at.plusSeconds(60 + random.nextInt(600))));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        int customer = random.nextDouble() < ANONYMOUS ? -1 : random.nextInt(dataset.customers());
        String locale = LOCALES[pick(LOCALE_SHARES)];
        Instant completedAt = partial ? null : answers.get(answers.size() - 1).answeredAt();
        UUID id = randomIds ? uuid() : uuidAt(at);
        return new Generated(id, String.format("bench-%010d", sequence++), survey, customer, channel,
                AnalyticsDataset.touchpoint(channel, step), locale, at, answers, completedAt);
    }

    /** @return a whole score near {@code mean}, with normal noise, within the scale */
    private long scale(double mean, double noise, int min, int max) {
        double value = mean + noise * gaussian();
        return Math.max(min, Math.min(max, Math.round(value)));
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Spreads the responses over the days by weight (weekday, growth, noise), summing to exactly the total. */
    private long[] responsesPerDay() {
        double[] weights = new double[AnalyticsDataset.DAYS];
        double total = 0;
        for (int d = 0; d < weights.length; d++) {
            int weekday = AnalyticsDataset.start().plusDays(d).getDayOfWeek().getValue() - 1;
            weights[d] = WEEKDAY[weekday] * (0.8 + 0.4 * d / weights.length) * (0.9 + 0.2 * random.nextDouble());
            total += weights[d];
        }
        long[] counts = new long[weights.length];
        double cumulative = 0;
        long assigned = 0;
        for (int d = 0; d < weights.length; d++) {
            cumulative += weights[d];
            long upTo = d == weights.length - 1 ? dataset.responses() : Math.round(dataset.responses() * cumulative / total);
            counts[d] = upTo - assigned;
            assigned = upTo;
        }
        return counts;
    }

    private int pick(double[] cumulative) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    private static double[] cumulative(double[] weights) {
        double[] sums = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            sums[i] = sum;
        }
        return sums;
    }
}
