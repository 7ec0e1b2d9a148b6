package org.opencem.core.customer;

import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.CUSTOMER_IDENTITY;
import static org.opencem.core.store.schema.Tables.CUSTOMER_MERGE;
import static org.opencem.core.store.schema.Tables.INTERACTION;
import static org.opencem.core.store.schema.Tables.INVITATION;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.store.schema.tables.records.CustomerRecord;

/**
 * Everything the core stores about one person (GDPR art. 15): the profile, identities, interactions, responses
 * with their answers, invitations, and the merges that formed the profile with the attributes each merged
 * profile still holds. Built whole in memory: its size grows with the person's history (about 300 bytes per
 * interaction plus its properties). Plugins' own tables are not part of it.
 *
 * @param exportedAt when
 * @param customer the profile
 * @param identities the identities, by type then value
 * @param interactions the interactions, oldest first
 * @param responses the responses with their answers, oldest first
 * @param invitations the survey invitations, oldest first
 * @param merges the merges, oldest first, with each merged profile's stored data
 */
public record PersonalDataExport(Instant exportedAt, Profile customer, List<IdentityEntry> identities,
                                 List<InteractionEntry> interactions, List<ResponseEntry> responses,
                                 List<InvitationEntry> invitations, List<MergeEntry> merges) {

    /**
     * A stored profile.
     *
     * @param id its id
     * @param attributes its attributes
     * @param firstSeen first seen
     * @param lastSeen last seen
     * @param createdAt created
     */
    public record Profile(UUID id, Map<String, Object> attributes, Instant firstSeen, Instant lastSeen, Instant createdAt) {

        static Profile of(CustomerRecord r) {
            return new Profile(r.getId(), CustomerRepository.attributes(r.getAttributes()), r.getFirstSeen(), r.getLastSeen(),
                    r.getCreatedAt());
        }
    }

    /** An identity: its type, normalized value and when it was added. */
    public record IdentityEntry(String type, String value, Instant createdAt) {
    }

    /** An interaction as stored. */
    public record InteractionEntry(String id, String type, String channel, String touchpoint, Instant occurredAt,
                                   Instant recordedAt, Money value, @JsonRawValue String properties) {
    }

    /** A response as stored, with its answers. */
    public record ResponseEntry(String id, UUID surveyId, int surveyVersion, UUID invitationId, String channel,
                                String touchpoint, String locale, Instant occurredAt, Instant recordedAt,
                                List<AnswerEntry> answers) {
    }

    /** One answer: a score or a text. */
    public record AnswerEntry(String questionId, String questionType, Long score, String text, Instant answeredAt) {
    }

    /** A survey invitation and its delivery. */
    public record InvitationEntry(UUID id, UUID surveyId, UUID channelId, String status, String error, Instant createdAt,
                                  Instant sentAt, Instant openedAt, Instant respondedAt, Instant expiresAt) {
    }

    /** A merge, with the merged profile as it is still stored. */
    public record MergeEntry(UUID mergedId, UUID survivorId, String reason, Instant mergedAt, Profile merged) {
    }

    /**
     * @param dsl a context
     * @param survivor a live customer
     * @param now the export time
     * @return the export
     */
    static PersonalDataExport of(DSLContext dsl, UUID survivor, Instant now) {
        Profile customer = Profile.of(dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(survivor)).fetchSingle());
        List<UUID> absorbed = MergedCustomers.into(dsl, survivor);
        List<UUID> all = new ArrayList<>(absorbed);
        all.add(survivor);
        return new PersonalDataExport(now, customer,
                dsl.selectFrom(CUSTOMER_IDENTITY).where(CUSTOMER_IDENTITY.CUSTOMER_ID.in(all))
                        .orderBy(CUSTOMER_IDENTITY.ID_TYPE, CUSTOMER_IDENTITY.ID_VALUE)
                        .fetch(r -> new IdentityEntry(r.getIdType(), r.getIdValue(), r.getCreatedAt())),
                dsl.selectFrom(INTERACTION).where(INTERACTION.CUSTOMER_ID.in(all))
                        .orderBy(INTERACTION.OCCURRED_AT, INTERACTION.ID)
                        .fetch(r -> new InteractionEntry(r.getEventId(), r.getEventType(), r.getChannel(), r.getTouchpointKey(),
                                r.getOccurredAt(), r.getRecordedAt(), Money.of(r.getAmount(), r.getCurrency()), r.getProperties())),
                responses(dsl, all),
                dsl.selectFrom(INVITATION).where(INVITATION.CUSTOMER_ID.in(all))
                        .orderBy(INVITATION.CREATED_AT, INVITATION.ID)
                        .fetch(r -> new InvitationEntry(r.getId(), r.getSurveyId(), r.getChannelId(), r.getStatus(), r.getError(),
                                r.getCreatedAt(), r.getSentAt(), r.getOpenedAt(), r.getRespondedAt(), r.getExpiresAt())),
                merges(dsl, all));
    }

    private static List<ResponseEntry> responses(DSLContext dsl, List<UUID> customers) {
        Map<UUID, List<AnswerEntry>> answers = new HashMap<>();
        dsl.select(RESPONSE_ANSWER.fields())
                .from(RESPONSE_ANSWER).join(RESPONSE).on(RESPONSE.ID.eq(RESPONSE_ANSWER.RESPONSE_ID))
                .where(RESPONSE.CUSTOMER_ID.in(customers))
                .orderBy(RESPONSE_ANSWER.QUESTION_ID)
                .fetchInto(RESPONSE_ANSWER)
                .forEach(a -> answers.computeIfAbsent(a.getResponseId(), id -> new ArrayList<>())
                        .add(new AnswerEntry(a.getQuestionId(), a.getQuestionType(), a.getScore(), a.getTextValue(), a.getAnsweredAt())));
        return dsl.selectFrom(RESPONSE).where(RESPONSE.CUSTOMER_ID.in(customers))
                .orderBy(RESPONSE.OCCURRED_AT, RESPONSE.ID)
                .fetch(r -> new ResponseEntry(r.getResponseKey(), r.getSurveyId(), r.getSurveyVersion(), r.getInvitationId(),
                        r.getChannel(), r.getTouchpointKey(), r.getLocale(), r.getOccurredAt(), r.getRecordedAt(),
                        answers.getOrDefault(r.getId(), List.of())));
    }

    private static List<MergeEntry> merges(DSLContext dsl, List<UUID> survivors) {
        Map<UUID, Profile> merged = new HashMap<>();
        dsl.selectFrom(CUSTOMER).where(CUSTOMER.MERGED_INTO.in(survivors)).forEach(r -> merged.put(r.getId(), Profile.of(r)));
        return dsl.selectFrom(CUSTOMER_MERGE).where(CUSTOMER_MERGE.SURVIVOR_ID.in(survivors))
                .orderBy(CUSTOMER_MERGE.MERGED_AT, CUSTOMER_MERGE.ID)
                .fetch(r -> new MergeEntry(r.getMergedId(), r.getSurvivorId(), r.getReason(), r.getMergedAt(),
                        merged.get(r.getMergedId())));
    }
}
