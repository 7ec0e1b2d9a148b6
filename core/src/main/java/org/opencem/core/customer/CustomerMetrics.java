package org.opencem.core.customer;

import static org.opencem.core.store.schema.Tables.CUSTOMER_METRIC_STATE;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/** A customer's latest answer per metric, as its profile shows them ({@code metrics}). */
final class CustomerMetrics {

    private CustomerMetrics() {
    }

    /**
     * The latest answer on one metric.
     *
     * @param score its score
     * @param category the metric's category of it ({@code promoter}); null when the metric has none
     * @param surveyId the survey answered
     * @param responseId the response holding the answer
     * @param answeredAt when it was given
     */
    record MetricState(long score, @JsonInclude(JsonInclude.Include.ALWAYS) String category, UUID surveyId,
                       UUID responseId, Instant answeredAt) {
    }

    /** @param dsl a context @param survivor a live customer @return its states by metric id, sorted */
    static Map<String, Object> of(DSLContext dsl, UUID survivor) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        dsl.selectFrom(CUSTOMER_METRIC_STATE)
                .where(CUSTOMER_METRIC_STATE.CUSTOMER_ID.eq(survivor))
                .orderBy(CUSTOMER_METRIC_STATE.METRIC)
                .forEach(s -> metrics.put(s.getMetric(), new MetricState(s.getScore(), s.getCategory(), s.getSurveyId(),
                        s.getResponseId(), s.getAnsweredAt())));
        return metrics;
    }
}
