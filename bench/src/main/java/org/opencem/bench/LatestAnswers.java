package org.opencem.bench;

import static org.opencem.core.store.schema.Tables.CUSTOMER_METRIC_STATE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.opencem.api.metric.MetricType;
import org.opencem.api.survey.Answer;

/**
 * Each known customer's latest answer per metric, kept in arrays while the responses are generated and written
 * at the end as {@code customer_metric_state} rows (score, the metric's category of it, survey, response, time):
 * what the server keeps for every response it records. Rows are written in the order of the customers, which the
 * loader writes in the order of their ids.
 */
final class LatestAnswers {

    private static final int BATCH = 20_000;

    private final List<MetricType> metrics;
    /** Per metric, per customer: the answer's time in epoch milliseconds, 0 when none yet. */
    private final long[][] at;
    private final long[][] responseHigh;
    private final long[][] responseLow;
    private final byte[][] score;
    private final byte[][] survey;
    private final byte[][] category;
    private final List<String> categories = new ArrayList<>();

    /**
     * @param customers the number of known customers
     * @param metrics the metrics whose latest answers to keep
     */
    LatestAnswers(int customers, List<MetricType> metrics) {
        this.metrics = metrics;
        at = new long[metrics.size()][customers];
        responseHigh = new long[metrics.size()][customers];
        responseLow = new long[metrics.size()][customers];
        score = new byte[metrics.size()][customers];
        survey = new byte[metrics.size()][customers];
        category = new byte[metrics.size()][customers];
    }

    /** Keeps the response's answers when they are newer than the customer's latest of their metric. */
    void record(ResponseGenerator.Generated response, int customer) {
        for (ResponseGenerator.TimedAnswer timed : response.answers()) {
            Answer answer = timed.answer();
            for (int m = 0; m < metrics.size(); m++) {
                MetricType metric = metrics.get(m);
                long millis = timed.answeredAt().toEpochMilli();
                if (metric.questionTypes().contains(answer.questionType()) && millis >= at[m][customer]) {
                    at[m][customer] = millis;
                    responseHigh[m][customer] = response.id().getMostSignificantBits();
                    responseLow[m][customer] = response.id().getLeastSignificantBits();
                    score[m][customer] = (byte) answer.score().orElseThrow();
                    survey[m][customer] = (byte) response.survey();
                    category[m][customer] = intern(metric.category(answer).orElse(null));
                }
            }
        }
    }

    private byte intern(String name) {
        int index = categories.indexOf(name);
        if (index < 0) {
            categories.add(name);
            index = categories.size() - 1;
        }
        return (byte) index;
    }

    /** Writes every customer's latest answer per metric, in transactions of {@value #BATCH} rows. */
    void write(BulkStore store, UUID[] customerIds, List<UUID> surveyIds) throws Exception {
        DSLContext dsl = store.dsl();
        long rows = 0;
        for (int m = 0; m < metrics.size(); m++) {
            BatchBindStep batch = null;
            int pending = 0;
            for (int c = 0; c < customerIds.length; c++) {
                if (at[m][c] == 0) {
                    continue;
                }
                if (batch == null) {
                    batch = dsl.batch(dsl.insertInto(CUSTOMER_METRIC_STATE, CUSTOMER_METRIC_STATE.CUSTOMER_ID,
                                    CUSTOMER_METRIC_STATE.METRIC, CUSTOMER_METRIC_STATE.SCORE, CUSTOMER_METRIC_STATE.CATEGORY,
                                    CUSTOMER_METRIC_STATE.SURVEY_ID, CUSTOMER_METRIC_STATE.RESPONSE_ID,
                                    CUSTOMER_METRIC_STATE.ANSWERED_AT)
                            .values(null, null, null, null, null, null, (Instant) null));
                }
                batch.bind(customerIds[c], metrics.get(m).id(), (long) score[m][c], categories.get(category[m][c]),
                        surveyIds.get(survey[m][c]), new UUID(responseHigh[m][c], responseLow[m][c]),
                        Instant.ofEpochMilli(at[m][c]));
                rows++;
                if (++pending == BATCH) {
                    batch.execute();
                    store.commit();
                    batch = null;
                    pending = 0;
                }
            }
            if (batch != null) {
                batch.execute();
                store.commit();
            }
        }
        System.out.printf("%d customer metric states written (%s)%n", rows,
                Arrays.toString(metrics.stream().map(MetricType::id).toArray()));
    }
}
