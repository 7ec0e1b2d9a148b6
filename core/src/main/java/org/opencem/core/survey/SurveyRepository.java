package org.opencem.core.survey;

import static org.opencem.core.store.schema.Tables.CHANNEL_INSTANCE;
import static org.opencem.core.store.schema.Tables.INVITATION;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.SURVEY;
import static org.opencem.core.store.schema.Tables.SURVEY_CHANNEL;
import static org.opencem.core.store.schema.Tables.SURVEY_QUESTION;
import static org.opencem.core.store.schema.Tables.SURVEY_TOUCHPOINT;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.opencem.core.store.schema.tables.records.SurveyRecord;

/** Writes surveys, their questions per version, channels and touchpoints; counts what refers to them. Blocking. */
final class SurveyRepository {

    private SurveyRepository() {
    }

    static void insert(DSLContext dsl, UUID id, SurveyDraft draft, Instant now) {
        SurveyRecord survey = dsl.newRecord(SURVEY);
        survey.setId(id);
        survey.setStatus(SurveyStatus.DRAFT.id());
        survey.setVersion(1);
        survey.setCreatedAt(now);
        apply(survey, draft, now);
        survey.insert();
        insertQuestions(dsl, id, 1, draft.questions());
        insertTargets(dsl, id, draft);
    }

    /** @return the survey row, locked until the transaction ends */
    static Optional<SurveyRecord> lock(DSLContext dsl, UUID id) {
        return dsl.selectFrom(SURVEY).where(SURVEY.ID.eq(id)).forUpdate().fetchOptional();
    }

    /** Replaces the settings, channels and touchpoints of a locked survey (not its questions). */
    static void replaceSettings(DSLContext dsl, SurveyRecord survey, SurveyDraft draft, Instant now) {
        apply(survey, draft, now);
        survey.update();
        dsl.deleteFrom(SURVEY_CHANNEL).where(SURVEY_CHANNEL.SURVEY_ID.eq(survey.getId())).execute();
        dsl.deleteFrom(SURVEY_TOUCHPOINT).where(SURVEY_TOUCHPOINT.SURVEY_ID.eq(survey.getId())).execute();
        insertTargets(dsl, survey.getId(), draft);
    }

    static void replaceQuestions(DSLContext dsl, UUID id, int version, List<QuestionDefinition> questions) {
        dsl.deleteFrom(SURVEY_QUESTION)
                .where(SURVEY_QUESTION.SURVEY_ID.eq(id).and(SURVEY_QUESTION.SURVEY_VERSION.eq(version))).execute();
        insertQuestions(dsl, id, version, questions);
    }

    static void insertQuestions(DSLContext dsl, UUID id, int version, List<QuestionDefinition> questions) {
        var insert = dsl.insertInto(SURVEY_QUESTION, SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.SURVEY_VERSION,
                SURVEY_QUESTION.QUESTION_ID, SURVEY_QUESTION.POSITION, SURVEY_QUESTION.QUESTION_TYPE,
                SURVEY_QUESTION.TEXTS, SURVEY_QUESTION.OPTIONS);
        for (int i = 0; i < questions.size(); i++) {
            QuestionDefinition question = questions.get(i);
            insert = insert.values(id, version, question.id(), i, question.type(), SurveyCatalog.json(question.text()),
                    SurveyCatalog.json(question.options()));
        }
        insert.execute();
    }

    static void delete(DSLContext dsl, UUID id) {
        dsl.deleteFrom(SURVEY_QUESTION).where(SURVEY_QUESTION.SURVEY_ID.eq(id)).execute();
        dsl.deleteFrom(SURVEY_CHANNEL).where(SURVEY_CHANNEL.SURVEY_ID.eq(id)).execute();
        dsl.deleteFrom(SURVEY_TOUCHPOINT).where(SURVEY_TOUCHPOINT.SURVEY_ID.eq(id)).execute();
        dsl.deleteFrom(SURVEY).where(SURVEY.ID.eq(id)).execute();
    }

    /**
     * @param status only surveys in this status, if given
     * @param after the last survey of the previous page (newest first: created_at, then id, descending)
     * @param limit the most rows
     * @return the page's survey rows
     */
    static List<SurveyRecord> page(DSLContext dsl, Optional<SurveyStatus> status, Optional<SurveyCursor> after, int limit) {
        Condition where = DSL.noCondition();
        if (status.isPresent()) {
            where = where.and(SURVEY.STATUS.eq(status.get().id()));
        }
        if (after.isPresent()) {
            where = where.and(DSL.row(SURVEY.CREATED_AT, SURVEY.ID).lt(after.get().createdAt(), after.get().id()));
        }
        return dsl.selectFrom(SURVEY).where(where).orderBy(SURVEY.CREATED_AT.desc(), SURVEY.ID.desc()).limit(limit).fetch();
    }

    /** @return the response count of each survey that has responses */
    static Map<UUID, Long> responseCounts(DSLContext dsl, Collection<UUID> surveys) {
        if (surveys.isEmpty()) {
            return Map.of();
        }
        return dsl.select(RESPONSE.SURVEY_ID, DSL.count()).from(RESPONSE).where(RESPONSE.SURVEY_ID.in(surveys))
                .groupBy(RESPONSE.SURVEY_ID).fetchMap(r -> r.value1(), r -> r.value2().longValue());
    }

    static boolean hasResponses(DSLContext dsl, UUID survey) {
        return dsl.fetchExists(RESPONSE, RESPONSE.SURVEY_ID.eq(survey));
    }

    static boolean hasInvitations(DSLContext dsl, UUID survey) {
        return dsl.fetchExists(INVITATION, INVITATION.SURVEY_ID.eq(survey));
    }

    /** @return those of the ids that are no channel instance */
    static Set<UUID> unknownChannels(DSLContext dsl, Collection<UUID> channels) {
        Set<UUID> unknown = new HashSet<>(channels);
        if (!channels.isEmpty()) {
            dsl.select(CHANNEL_INSTANCE.ID).from(CHANNEL_INSTANCE).where(CHANNEL_INSTANCE.ID.in(channels))
                    .fetch(CHANNEL_INSTANCE.ID).forEach(unknown::remove);
        }
        return unknown;
    }

    private static void apply(SurveyRecord survey, SurveyDraft draft, Instant now) {
        survey.setName(draft.name());
        survey.setDefaultLocale(draft.defaultLocale());
        survey.setQuietDays(draft.fatigue().quietDays());
        survey.setSamplingRate(draft.fatigue().samplingRate());
        survey.setUpdatedAt(now);
    }

    private static void insertTargets(DSLContext dsl, UUID id, SurveyDraft draft) {
        for (UUID channel : draft.channels()) {
            dsl.insertInto(SURVEY_CHANNEL).set(SURVEY_CHANNEL.SURVEY_ID, id).set(SURVEY_CHANNEL.CHANNEL_ID, channel).execute();
        }
        for (String touchpoint : draft.touchpoints()) {
            dsl.insertInto(SURVEY_TOUCHPOINT).set(SURVEY_TOUCHPOINT.SURVEY_ID, id)
                    .set(SURVEY_TOUCHPOINT.TOUCHPOINT_KEY, touchpoint).execute();
        }
    }
}
