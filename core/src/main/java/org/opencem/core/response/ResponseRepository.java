package org.opencem.core.response;

import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.opencem.core.store.InList;

/**
 * Responses and their answers in the store, written in groups with one prepared statement per kind of row.
 * Blocking: call from the writer's threads, inside its transaction.
 */
@Singleton
final class ResponseRepository {

    /**
     * @param dsl the transaction
     * @param keys idempotency keys
     * @return the stored responses among them, with their answers, by key
     */
    Map<String, StoredResponse> find(DSLContext dsl, Collection<String> keys) {
        var rows = dsl.selectFrom(RESPONSE).where(InList.of(RESPONSE.RESPONSE_KEY, keys)).fetch();
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Map<String, AnswerValue>> answers = new HashMap<>();
        dsl.selectFrom(RESPONSE_ANSWER)
                .where(InList.of(RESPONSE_ANSWER.RESPONSE_ID, rows.map(r -> r.getId())))
                .forEach(a -> answers.computeIfAbsent(a.getResponseId(), id -> new LinkedHashMap<>())
                        .put(a.getQuestionId(), new AnswerValue(a.getScore(), a.getTextValue())));
        Map<String, StoredResponse> found = new HashMap<>();
        rows.forEach(r -> found.put(r.getResponseKey(), new StoredResponse(r.getId(), r.getResponseKey(), r.getSurveyId(),
                r.getSurveyVersion(), r.getCustomerId(), r.getChannel(), r.getTouchpointKey(), r.getOccurredAt(), r.getCompletedAt(),
                answers.getOrDefault(r.getId(), Map.of()))));
        return found;
    }

    /** Inserts new responses (their answers go through {@link #insertAnswers}). */
    void insert(DSLContext dsl, List<ResponseDraft> responses, Instant now) {
        if (responses.isEmpty()) {
            return;
        }
        BatchBindStep batch = dsl.batch(dsl.insertInto(RESPONSE, RESPONSE.ID, RESPONSE.RESPONSE_KEY, RESPONSE.SURVEY_ID,
                RESPONSE.SURVEY_VERSION, RESPONSE.CUSTOMER_ID, RESPONSE.CHANNEL, RESPONSE.TOUCHPOINT_KEY, RESPONSE.LOCALE,
                RESPONSE.OCCURRED_AT, RESPONSE.RECORDED_AT, RESPONSE.COMPLETED_AT, RESPONSE.UPDATED_AT)
                .values((UUID) null, null, null, null, null, null, null, null, null, null, null, null));
        for (ResponseDraft r : responses) {
            batch.bind(r.id(), r.key(), r.survey().id(), r.survey().version(), r.customerId(), r.channel(),
                    r.touchpoint(), r.locale(), r.occurredAt(), now, r.completedAt(), now);
        }
        batch.execute();
    }

    /** Inserts the answers the drafts gained. */
    void insertAnswers(DSLContext dsl, List<ResponseDraft> responses) {
        BatchBindStep batch = dsl.batch(dsl.insertInto(RESPONSE_ANSWER, RESPONSE_ANSWER.RESPONSE_ID,
                RESPONSE_ANSWER.QUESTION_ID, RESPONSE_ANSWER.QUESTION_TYPE, RESPONSE_ANSWER.SCORE,
                RESPONSE_ANSWER.TEXT_VALUE, RESPONSE_ANSWER.ANSWERED_AT)
                .values((UUID) null, null, null, null, null, null));
        int rows = 0;
        for (ResponseDraft r : responses) {
            for (ResponseDraft.Added answer : r.added()) {
                batch.bind(r.id(), answer.questionId(), answer.questionType(), answer.value().score(),
                        answer.value().text(), answer.answeredAt());
                rows++;
            }
        }
        if (rows > 0) {
            batch.execute();
        }
    }

    /** Marks stored responses as changed now, with their completion time (set once, never cleared). */
    void update(DSLContext dsl, List<ResponseDraft> responses, Instant now) {
        if (responses.isEmpty()) {
            return;
        }
        BatchBindStep batch = dsl.batch(dsl.update(RESPONSE)
                .set(RESPONSE.COMPLETED_AT, (Instant) null)
                .set(RESPONSE.UPDATED_AT, (Instant) null)
                .where(RESPONSE.ID.eq((UUID) null)));
        responses.forEach(r -> batch.bind(r.completedAt(), now, r.id()));
        batch.execute();
    }
}
