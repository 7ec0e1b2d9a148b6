package org.opencem.core.response;

import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.opencem.core.customer.Cursor;
import org.opencem.core.customer.Page;
import org.opencem.core.store.schema.tables.records.ResponseAnswerRecord;
import org.opencem.core.store.schema.tables.records.ResponseRecord;

/**
 * Reads responses newest first, a page at a time, by keyset ({@code occurred_at}, then id, both descending: the
 * index {@code response_time_ix}, or {@code response_survey_time_ix} for one survey). Blocking.
 */
@Singleton
final class ResponseQueries {

    private static final String CURSOR_KIND = "responses";

    /**
     * The place of a response in the list's order.
     *
     * @param occurredAt its time
     * @param id its id
     */
    record Position(Instant occurredAt, UUID id) {

        /** @param cursor a client's cursor @return its position @throws org.opencem.core.http.ProblemException 400 naming {@code cursor} */
        static Position decode(String cursor) {
            Cursor decoded = Cursor.decode(CURSOR_KIND, cursor, 2);
            return new Position(decoded.instant(0), decoded.uuid(1));
        }

        String encode() {
            return Cursor.encode(CURSOR_KIND, occurredAt, id);
        }

        Condition before() {
            return DSL.row(RESPONSE.OCCURRED_AT, RESPONSE.ID).lt(occurredAt, id);
        }
    }

    /** A response row with its answers. */
    record Found(ResponseRecord response, List<ResponseAnswerRecord> answers) {

        Position position() {
            return new Position(response.getOccurredAt(), response.getId());
        }

        ResponseView view() {
            Map<String, Object> values = new LinkedHashMap<>();
            answers.forEach(a -> values.put(a.getQuestionId(), new AnswerValue(a.getScore(), a.getTextValue()).value()));
            ResponseRecord r = response;
            return new ResponseView(r.getResponseKey(), r.getId(), r.getSurveyId(), r.getSurveyVersion(), r.getCustomerId(),
                    r.getChannel(), r.getTouchpointKey(), r.getLocale(), r.getOccurredAt(), r.getCompletedAt(), values);
        }
    }

    /**
     * @param dsl a context
     * @param filter the filters
     * @param limit the page size
     * @param after the previous page's last position, if any
     * @return one page of views, newest first
     */
    Page<ResponseView> page(DSLContext dsl, ResponseFilter filter, int limit, Optional<Position> after) {
        List<Found> found = read(dsl, filter, limit + 1, after);
        boolean more = found.size() > limit;
        List<Found> page = more ? found.subList(0, limit) : found;
        return new Page<>(page.stream().map(Found::view).toList(), more ? page.get(limit - 1).position().encode() : null);
    }

    /**
     * @param dsl a context
     * @param filter the filters
     * @param count how many at most
     * @param after the position to continue after, if any
     * @return the next responses with their answers (by question id), newest first
     */
    List<Found> read(DSLContext dsl, ResponseFilter filter, int count, Optional<Position> after) {
        List<ResponseRecord> responses = dsl.selectFrom(RESPONSE)
                .where(filter.condition(), after.map(Position::before).orElse(DSL.noCondition()))
                .orderBy(RESPONSE.OCCURRED_AT.desc(), RESPONSE.ID.desc())
                .limit(count)
                .fetch();
        Map<UUID, List<ResponseAnswerRecord>> answers = new HashMap<>();
        if (!responses.isEmpty()) {
            dsl.selectFrom(RESPONSE_ANSWER)
                    .where(RESPONSE_ANSWER.RESPONSE_ID.in(responses.stream().map(ResponseRecord::getId).toList()))
                    .orderBy(RESPONSE_ANSWER.RESPONSE_ID, RESPONSE_ANSWER.QUESTION_ID)
                    .forEach(a -> answers.computeIfAbsent(a.getResponseId(), id -> new ArrayList<>()).add(a));
        }
        return responses.stream().map(r -> new Found(r, answers.getOrDefault(r.getId(), List.of()))).toList();
    }
}
