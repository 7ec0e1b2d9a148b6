package org.opencem.core.analytics;

import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;
import static org.opencem.core.store.schema.Tables.SURVEY;
import static org.opencem.core.store.schema.Tables.SURVEY_QUESTION;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.api.survey.Answer;

/**
 * Stores surveys, customers and responses the way the core's writers do, for suites that need answers before the
 * response API exists or below it: raw rows, and (with {@link #writer}) their rollups in the same transaction.
 */
public final class StoredAnswers {

    private static final Instant CREATED = Instant.parse("2020-01-01T00:00:00Z");

    private StoredAnswers() {
    }

    /** @param zone the reporting zone @return the rollup writer of a server with that zone */
    public static RollupWriter writer(ZoneId zone) {
        return new RollupWriter(zone);
    }

    /**
     * @param dsl a context
     * @param name the survey's name
     * @param questions question id to question type, in order
     * @return the new active survey's id
     */
    public static UUID survey(DSLContext dsl, String name, Map<String, String> questions) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(SURVEY)
                .set(SURVEY.ID, id).set(SURVEY.NAME, name).set(SURVEY.STATUS, "active").set(SURVEY.DEFAULT_LOCALE, "en")
                .set(SURVEY.VERSION, 1).set(SURVEY.QUIET_DAYS, 30).set(SURVEY.SAMPLING_RATE, 1.0)
                .set(SURVEY.CREATED_AT, CREATED).set(SURVEY.UPDATED_AT, CREATED)
                .execute();
        int position = 0;
        for (Map.Entry<String, String> question : questions.entrySet()) {
            dsl.insertInto(SURVEY_QUESTION)
                    .set(SURVEY_QUESTION.SURVEY_ID, id).set(SURVEY_QUESTION.SURVEY_VERSION, 1)
                    .set(SURVEY_QUESTION.QUESTION_ID, question.getKey()).set(SURVEY_QUESTION.POSITION, position++)
                    .set(SURVEY_QUESTION.QUESTION_TYPE, question.getValue())
                    .set(SURVEY_QUESTION.TEXTS, "{}").set(SURVEY_QUESTION.OPTIONS, "[]")
                    .execute();
        }
        return id;
    }

    /**
     * @param dsl a context
     * @param attributes the customer's attributes, compact JSON as the core writes them
     * @return the new customer's id
     */
    public static UUID customer(DSLContext dsl, String attributes) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(CUSTOMER).set(CUSTOMER.ID, id).set(CUSTOMER.ATTRIBUTES, attributes)
                .set(CUSTOMER.FIRST_SEEN, CREATED).set(CUSTOMER.LAST_SEEN, CREATED).set(CUSTOMER.CREATED_AT, CREATED)
                .execute();
        return id;
    }

    /**
     * Stores a response and its answers (scores as {@code score}, anything else as text).
     *
     * @param dsl a context
     * @param survey the survey
     * @param channel its channel
     * @param touchpoint its touchpoint
     * @param occurredAt its time
     * @param customer its customer; empty when anonymous
     * @param answers its answers
     * @return the new response's id
     */
    public static UUID response(DSLContext dsl, UUID survey, String channel, String touchpoint, Instant occurredAt,
                                Optional<UUID> customer, Collection<Answer> answers) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(RESPONSE)
                .set(RESPONSE.ID, id).set(RESPONSE.RESPONSE_KEY, "stored-" + id).set(RESPONSE.SURVEY_ID, survey)
                .set(RESPONSE.SURVEY_VERSION, 1).set(RESPONSE.CUSTOMER_ID, customer.orElse(null))
                .set(RESPONSE.CHANNEL, channel).set(RESPONSE.TOUCHPOINT_KEY, touchpoint).set(RESPONSE.LOCALE, "en")
                .set(RESPONSE.OCCURRED_AT, occurredAt).set(RESPONSE.RECORDED_AT, occurredAt)
                .execute();
        for (Answer answer : answers) {
            boolean score = answer.value() instanceof Number;
            dsl.insertInto(RESPONSE_ANSWER)
                    .set(RESPONSE_ANSWER.RESPONSE_ID, id).set(RESPONSE_ANSWER.QUESTION_ID, answer.questionId())
                    .set(RESPONSE_ANSWER.QUESTION_TYPE, answer.questionType())
                    .set(RESPONSE_ANSWER.SCORE, score ? ((Number) answer.value()).longValue() : null)
                    .set(RESPONSE_ANSWER.TEXT_VALUE, score ? null : String.valueOf(answer.value()))
                    .set(RESPONSE_ANSWER.ANSWERED_AT, occurredAt)
                    .execute();
        }
        return id;
    }
}
