package org.opencem.core.analytics;

import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Record8;
import org.jooq.impl.DSL;
import org.opencem.api.survey.Answer;
import org.opencem.core.customer.AttributeFilter;
import org.opencem.core.store.InList;

/**
 * Reads stored answers from {@code response} and {@code response_answer}, for what rollups cannot answer (another
 * time zone, a segment, rollups being rebuilt) and to rebuild rollups. Rows are streamed, never all held.
 *
 * <p>Cost. Without a segment, the responses of the range are read through {@code response_survey_time_ix} when a
 * survey is given, else {@code response_time_ix}, and each one's answers through the answer key: it grows with the
 * number of responses in the range. A segment first reads every live customer whose attributes' text contains the
 * key and value (a scan of the customer table, as the customer list's attribute filter, see {@link AttributeFilter}),
 * then, for each batch of {@value #CUSTOMER_BATCH} matching customers, their responses of the range through
 * {@code response_customer_time_ix (customer_id, occurred_at, id)}: it grows with the number of customers plus
 * the matching customers' responses in the range.
 */
final class RawAnswers {

    /** Matching customers whose responses are read per query. */
    static final int CUSTOMER_BATCH = 500;
    private static final int FETCH_SIZE = 1_000;

    /**
     * One stored answer with its response's dimensions.
     *
     * @param surveyId the survey
     * @param channel the response's channel
     * @param touchpoint the response's touchpoint
     * @param occurredAt the response's time
     * @param answer the answer, its value the stored score (a {@code Long}) or else its text
     */
    record Row(UUID surveyId, String channel, String touchpoint, Instant occurredAt, Answer answer) {
    }

    private RawAnswers() {
    }

    /**
     * @param dsl a context, in a transaction (PostgreSQL streams only within one)
     * @param questionTypes the question types whose answers to read
     * @param from the first instant, inclusive
     * @param to the last instant, exclusive
     * @param filter which answers
     * @param sink takes each answer
     */
    static void scan(DSLContext dsl, Collection<String> questionTypes, Instant from, Instant to, AnalyticsFilter filter,
                     Consumer<Row> sink) {
        Condition where = RESPONSE.OCCURRED_AT.ge(from).and(RESPONSE.OCCURRED_AT.lt(to))
                .and(RESPONSE_ANSWER.QUESTION_TYPE.in(questionTypes));
        where = where.and(filter.survey().map(RESPONSE.SURVEY_ID::eq).orElse(DSL.noCondition()))
                .and(filter.question().map(RESPONSE_ANSWER.QUESTION_ID::eq).orElse(DSL.noCondition()))
                .and(filter.channel().map(RESPONSE.CHANNEL::eq).orElse(DSL.noCondition()))
                .and(filter.touchpoint().map(RESPONSE.TOUCHPOINT_KEY::eq).orElse(DSL.noCondition()));
        if (filter.segment().isEmpty()) {
            read(dsl, where, sink);
            return;
        }
        Condition answers = where;
        forEachCustomerBatch(dsl, filter.segment().get().attribute(),
                customers -> read(dsl, answers.and(InList.of(RESPONSE.CUSTOMER_ID, customers)), sink));
    }

    private static void read(DSLContext dsl, Condition where, Consumer<Row> sink) {
        try (Cursor<Record8<UUID, String, String, Long, String, String, String, Instant>> rows = dsl
                .select(RESPONSE.SURVEY_ID, RESPONSE_ANSWER.QUESTION_ID, RESPONSE_ANSWER.QUESTION_TYPE,
                        RESPONSE_ANSWER.SCORE, RESPONSE_ANSWER.TEXT_VALUE, RESPONSE.CHANNEL, RESPONSE.TOUCHPOINT_KEY,
                        RESPONSE.OCCURRED_AT)
                .from(RESPONSE).join(RESPONSE_ANSWER).on(RESPONSE_ANSWER.RESPONSE_ID.eq(RESPONSE.ID))
                .where(where)
                .fetchSize(FETCH_SIZE).fetchLazy()) {
            for (var r : rows) {
                Object value = r.value4() != null ? r.value4() : r.value5();
                if (value != null) {
                    sink.accept(new Row(r.value1(), r.value6(), r.value7(), r.value8(), new Answer(r.value2(), r.value3(), value)));
                }
            }
        }
    }

    /** Live customers whose attributes match, in batches, streamed. */
    private static void forEachCustomerBatch(DSLContext dsl, AttributeFilter attribute, Consumer<List<UUID>> batch) {
        List<UUID> ids = new ArrayList<>(CUSTOMER_BATCH);
        try (Cursor<Record2<UUID, String>> customers = dsl.select(CUSTOMER.ID, CUSTOMER.ATTRIBUTES).from(CUSTOMER)
                .where(CUSTOMER.MERGED_INTO.isNull(), CUSTOMER.ERASED_AT.isNull(), attribute.prefilter())
                .fetchSize(FETCH_SIZE).fetchLazy()) {
            for (Record2<UUID, String> customer : customers) {
                Map<String, String> scalars = AttributeFilter.scalars(customer.value2());
                if (attribute.matches(scalars)) {
                    ids.add(customer.value1());
                    if (ids.size() == CUSTOMER_BATCH) {
                        batch.accept(List.copyOf(ids));
                        ids.clear();
                    }
                }
            }
        }
        if (!ids.isEmpty()) {
            batch.accept(ids);
        }
    }
}
