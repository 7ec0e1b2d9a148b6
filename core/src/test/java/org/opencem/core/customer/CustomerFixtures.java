package org.opencem.core.customer;

import static org.opencem.core.store.schema.Tables.CHANNEL_INSTANCE;
import static org.opencem.core.store.schema.Tables.INTERACTION;
import static org.opencem.core.store.schema.Tables.INVITATION;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;
import static org.opencem.core.store.schema.Tables.SURVEY;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Rows the customer reads show, written straight into the store with jOOQ: interactions, surveys, channels,
 * invitations and responses with answers (their own APIs come in later issues). Times are given as
 * {@link Instant}s with at most microseconds, as the store keeps them.
 */
public final class CustomerFixtures {

    private CustomerFixtures() {
    }

    /** An interaction of type {@code purchase} without value or properties. @return its row id */
    public static long interaction(DSLContext dsl, UUID customer, String eventId, String channel, String touchpoint, Instant at) {
        return interaction(dsl, customer, eventId, channel, touchpoint, at, null, "{}");
    }

    /**
     * @param amount a value in EUR, or null
     * @param properties a JSON object
     * @return its row id
     */
    public static long interaction(DSLContext dsl, UUID customer, String eventId, String channel, String touchpoint, Instant at,
                                   BigDecimal amount, String properties) {
        return dsl.insertInto(INTERACTION)
                .set(INTERACTION.EVENT_ID, eventId)
                .set(INTERACTION.BODY_HASH, "0".repeat(64))
                .set(INTERACTION.CUSTOMER_ID, customer)
                .set(INTERACTION.EVENT_TYPE, "purchase")
                .set(INTERACTION.CHANNEL, channel)
                .set(INTERACTION.TOUCHPOINT_KEY, touchpoint)
                .set(INTERACTION.OCCURRED_AT, at)
                .set(INTERACTION.AMOUNT, amount)
                .set(INTERACTION.CURRENCY, amount == null ? null : "EUR")
                .set(INTERACTION.PROPERTIES, properties)
                .set(INTERACTION.RECORDED_AT, at)
                .returningResult(INTERACTION.ID)
                .fetchSingle(INTERACTION.ID);
    }

    /** An active NPS survey. @return its id */
    public static UUID survey(DSLContext dsl, Instant at) {
        UUID survey = UUID.randomUUID();
        dsl.insertInto(SURVEY).set(SURVEY.ID, survey).set(SURVEY.NAME, "nps").set(SURVEY.STATUS, "active")
                .set(SURVEY.DEFAULT_LOCALE, "en").set(SURVEY.VERSION, 1).set(SURVEY.QUIET_DAYS, 30)
                .set(SURVEY.SAMPLING_RATE, 1.0).set(SURVEY.CREATED_AT, at).set(SURVEY.UPDATED_AT, at).execute();
        return survey;
    }

    /** An email channel instance. @return its id */
    public static UUID channel(DSLContext dsl, Instant at) {
        UUID channel = UUID.randomUUID();
        dsl.insertInto(CHANNEL_INSTANCE).set(CHANNEL_INSTANCE.ID, channel).set(CHANNEL_INSTANCE.CHANNEL_TYPE, "email")
                .set(CHANNEL_INSTANCE.NAME, "mail").set(CHANNEL_INSTANCE.CONFIG, "{}").set(CHANNEL_INSTANCE.ENABLED, true)
                .set(CHANNEL_INSTANCE.CREATED_AT, at).set(CHANNEL_INSTANCE.UPDATED_AT, at).execute();
        return channel;
    }

    /** @param error the delivery error text, or null @return the invitation's id */
    public static UUID invitation(DSLContext dsl, UUID survey, UUID channel, UUID customer, Instant at, String error) {
        UUID invitation = UUID.randomUUID();
        dsl.insertInto(INVITATION).set(INVITATION.ID, invitation).set(INVITATION.SURVEY_ID, survey)
                .set(INVITATION.CUSTOMER_ID, customer).set(INVITATION.CHANNEL_ID, channel)
                .set(INVITATION.STATUS, error == null ? "sent" : "failed").set(INVITATION.ERROR, error)
                .set(INVITATION.CREATED_AT, at).set(INVITATION.EXPIRES_AT, at.plusSeconds(86_400)).execute();
        return invitation;
    }

    /**
     * @param invitation the invitation answered, or null
     * @param answers question id to a score ({@link Number}) or a text
     * @return the response's id
     */
    public static UUID response(DSLContext dsl, UUID survey, UUID customer, UUID invitation, String key, Instant at,
                                Map<String, Object> answers) {
        UUID response = UUID.randomUUID();
        dsl.insertInto(RESPONSE).set(RESPONSE.ID, response).set(RESPONSE.RESPONSE_KEY, key)
                .set(RESPONSE.SURVEY_ID, survey).set(RESPONSE.SURVEY_VERSION, 1).set(RESPONSE.CUSTOMER_ID, customer)
                .set(RESPONSE.INVITATION_ID, invitation).set(RESPONSE.CHANNEL, "email").set(RESPONSE.TOUCHPOINT_KEY, "checkout")
                .set(RESPONSE.LOCALE, "en").set(RESPONSE.OCCURRED_AT, at).set(RESPONSE.RECORDED_AT, at).execute();
        answers.forEach((question, answer) -> dsl.insertInto(RESPONSE_ANSWER)
                .set(RESPONSE_ANSWER.RESPONSE_ID, response)
                .set(RESPONSE_ANSWER.QUESTION_ID, question)
                .set(RESPONSE_ANSWER.QUESTION_TYPE, answer instanceof Number ? "nps" : "text")
                .set(RESPONSE_ANSWER.SCORE, answer instanceof Number n ? n.longValue() : null)
                .set(RESPONSE_ANSWER.TEXT_VALUE, answer instanceof Number ? null : answer.toString())
                .set(RESPONSE_ANSWER.ANSWERED_AT, at)
                .execute());
        return response;
    }
}
