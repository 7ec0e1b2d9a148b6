package org.opencem.core.response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencem.api.customer.Identity;
import org.opencem.core.survey.SurveyDefinition;

/**
 * A response while the writer plans a group: one stored before, or one the group creates, with the answers the
 * group's writes add to it. Not thread-safe: one writer thread owns it for one transaction.
 */
final class ResponseDraft {

    /**
     * An answer a write of the group adds.
     *
     * @param questionId the question
     * @param questionType its type in the response's survey version
     * @param value the value
     * @param answeredAt when it was given (the adding write's {@code occurredAt})
     */
    record Added(String questionId, String questionType, AnswerValue value, Instant answeredAt) {
    }

    private final UUID id;
    private final String key;
    private final SurveyDefinition survey;
    private final boolean fresh;
    private final List<Identity> identities;
    private final Map<String, Object> attributes;
    private final String channel;
    private final String touchpoint;
    private final String locale;
    private final Instant occurredAt;
    private final Map<String, AnswerValue> answers;
    private final List<Added> added = new ArrayList<>();
    private UUID customerId;
    private Instant completedAt;
    private boolean changed;

    private ResponseDraft(UUID id, String key, SurveyDefinition survey, boolean fresh, List<Identity> identities,
                          Map<String, Object> attributes, UUID customerId, String channel, String touchpoint,
                          String locale, Instant occurredAt, Instant completedAt, Map<String, AnswerValue> answers) {
        this.id = id;
        this.key = key;
        this.survey = survey;
        this.fresh = fresh;
        this.identities = identities;
        this.attributes = attributes;
        this.customerId = customerId;
        this.channel = channel;
        this.touchpoint = touchpoint;
        this.locale = locale;
        this.occurredAt = occurredAt;
        this.completedAt = completedAt;
        this.answers = new LinkedHashMap<>(answers);
    }

    /** @param write the write creating it @param survey the survey's current version @return a new response */
    static ResponseDraft fresh(ResponseRequest write, SurveyDefinition survey) {
        return new ResponseDraft(UUID.randomUUID(), write.key(), survey, true, write.identities(), write.attributes(), null, write.channel(),
                write.touchpoint(), write.locale().orElse(survey.defaultLocale()), write.occurredAt(), null, Map.of());
    }

    /** @param stored a stored response @param survey the version it started on @return it, to add answers to */
    static ResponseDraft stored(StoredResponse stored, SurveyDefinition survey) {
        return new ResponseDraft(stored.id(), stored.key(), survey, false, List.of(), Map.of(), stored.customerId(),
                stored.channel(), stored.touchpoint(), null, stored.occurredAt(), stored.completedAt(), stored.answers());
    }

    /**
     * Adds an answer.
     *
     * @param questionId a question of its version not answered yet
     * @param value the valid value
     * @param answeredAt when it was given
     */
    void answer(String questionId, AnswerValue value, Instant answeredAt) {
        String type = survey.question(questionId).orElseThrow().type();
        answers.put(questionId, value);
        added.add(new Added(questionId, type, value, answeredAt));
        changed = true;
    }

    /**
     * @param asked whether a write says the response is complete
     * @return whether it is partial and the write completes it: asked to, or every question of its version answered
     */
    boolean completedBy(boolean asked) {
        return completedAt == null && (asked || survey.questions().stream().allMatch(q -> answers.containsKey(q.id())));
    }

    /**
     * Completes it when asked to or when every question of its version is answered, unless complete already.
     *
     * @param asked whether the write says it is complete
     * @param at the write's {@code occurredAt}
     */
    void completeIf(boolean asked, Instant at) {
        if (completedBy(asked)) {
            completedAt = at;
            changed = true;
        }
    }

    UUID id() {
        return id;
    }

    String key() {
        return key;
    }

    /** @return the survey as of the version the response started on */
    SurveyDefinition survey() {
        return survey;
    }

    /** @return whether the group creates it */
    boolean fresh() {
        return fresh;
    }

    /** @return the identities of a response the group creates; empty when anonymous or stored */
    List<Identity> identities() {
        return identities;
    }

    /** @return the customer attributes the write creating it sets; empty when stored */
    Map<String, Object> attributes() {
        return attributes;
    }

    UUID customerId() {
        return customerId;
    }

    void customerId(UUID customerId) {
        this.customerId = customerId;
    }

    String channel() {
        return channel;
    }

    String touchpoint() {
        return touchpoint;
    }

    /** @return the locale of a response the group creates */
    String locale() {
        return locale;
    }

    /**
     * @return when the response was given (its first write): every answer of it counts at this time in rollups and
     *     metric states, as in the raw answers analytics read
     */
    Instant occurredAt() {
        return occurredAt;
    }

    Instant completedAt() {
        return completedAt;
    }

    /** @return every answer: stored before and added */
    Map<String, AnswerValue> answers() {
        return answers;
    }

    /** @return the answers the group adds, in order */
    List<Added> added() {
        return added;
    }

    /** @return whether the group changes it (answers added, or completed) */
    boolean changed() {
        return changed;
    }
}
