package org.opencem.core.survey;

import static org.opencem.core.store.schema.Tables.SURVEY;
import static org.opencem.core.store.schema.Tables.SURVEY_CHANNEL;
import static org.opencem.core.store.schema.Tables.SURVEY_QUESTION;
import static org.opencem.core.store.schema.Tables.SURVEY_TOUCHPOINT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.opencem.core.http.Json;
import org.opencem.core.store.schema.tables.records.SurveyQuestionRecord;
import org.opencem.core.store.schema.tables.records.SurveyRecord;

/**
 * Reads survey definitions from the store. Every method takes the caller's {@link DSLContext}, so it reads inside
 * the caller's transaction (a response is checked against the questions it commits with). Blocking.
 */
@Singleton
public final class SurveyCatalog {

    private static final TypeReference<LinkedHashMap<String, String>> TEXTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> OPTIONS = new TypeReference<>() {
    };

    /**
     * @param dsl the store, or the caller's transaction
     * @param id a survey id
     * @return the survey with the questions of its current version
     */
    public Optional<SurveyDefinition> current(DSLContext dsl, UUID id) {
        return dsl.selectFrom(SURVEY).where(SURVEY.ID.eq(id)).fetchOptional()
                .map(survey -> definition(dsl, survey, survey.getVersion()));
    }

    /**
     * @param dsl the store, or the caller's transaction
     * @param id a survey id
     * @param version one of its versions
     * @return the survey's current settings with the questions of that version; empty when the survey or the
     *     version does not exist
     */
    public Optional<SurveyDefinition> version(DSLContext dsl, UUID id, int version) {
        return dsl.selectFrom(SURVEY).where(SURVEY.ID.eq(id)).fetchOptional()
                .filter(survey -> version >= 1 && version <= survey.getVersion())
                .map(survey -> definition(dsl, survey, version))
                .filter(definition -> !definition.questions().isEmpty());
    }

    /**
     * The current definitions of several surveys, read in a fixed number of queries.
     *
     * @param dsl the store
     * @param surveys survey rows, in the order wanted
     * @return their definitions, in the same order
     */
    List<SurveyDefinition> currentOf(DSLContext dsl, List<SurveyRecord> surveys) {
        if (surveys.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = surveys.stream().map(SurveyRecord::getId).toList();
        Map<UUID, List<QuestionDefinition>> questions = new LinkedHashMap<>();
        dsl.select(SURVEY_QUESTION.fields()).from(SURVEY_QUESTION).join(SURVEY)
                .on(SURVEY.ID.eq(SURVEY_QUESTION.SURVEY_ID).and(SURVEY.VERSION.eq(SURVEY_QUESTION.SURVEY_VERSION)))
                .where(SURVEY_QUESTION.SURVEY_ID.in(ids))
                .orderBy(SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.POSITION)
                .fetchInto(SURVEY_QUESTION)
                .forEach(row -> questions.computeIfAbsent(row.getSurveyId(), k -> new ArrayList<>()).add(question(row)));
        Map<UUID, List<UUID>> channels = grouped(dsl.select(SURVEY_CHANNEL.SURVEY_ID, SURVEY_CHANNEL.CHANNEL_ID)
                .from(SURVEY_CHANNEL).where(SURVEY_CHANNEL.SURVEY_ID.in(ids))
                .orderBy(SURVEY_CHANNEL.SURVEY_ID, SURVEY_CHANNEL.CHANNEL_ID).fetch());
        Map<UUID, List<String>> touchpoints = grouped(dsl.select(SURVEY_TOUCHPOINT.SURVEY_ID, SURVEY_TOUCHPOINT.TOUCHPOINT_KEY)
                .from(SURVEY_TOUCHPOINT).where(SURVEY_TOUCHPOINT.SURVEY_ID.in(ids))
                .orderBy(SURVEY_TOUCHPOINT.SURVEY_ID, SURVEY_TOUCHPOINT.TOUCHPOINT_KEY).fetch());
        return surveys.stream().map(survey -> definition(survey, survey.getVersion(),
                questions.getOrDefault(survey.getId(), List.of()), channels.getOrDefault(survey.getId(), List.of()),
                touchpoints.getOrDefault(survey.getId(), List.of()))).toList();
    }

    private SurveyDefinition definition(DSLContext dsl, SurveyRecord survey, int version) {
        UUID id = survey.getId();
        List<QuestionDefinition> questions = dsl.selectFrom(SURVEY_QUESTION)
                .where(SURVEY_QUESTION.SURVEY_ID.eq(id).and(SURVEY_QUESTION.SURVEY_VERSION.eq(version)))
                .orderBy(SURVEY_QUESTION.POSITION)
                .fetch(SurveyCatalog::question);
        List<UUID> channels = dsl.select(SURVEY_CHANNEL.CHANNEL_ID).from(SURVEY_CHANNEL)
                .where(SURVEY_CHANNEL.SURVEY_ID.eq(id)).orderBy(SURVEY_CHANNEL.CHANNEL_ID).fetch(SURVEY_CHANNEL.CHANNEL_ID);
        List<String> touchpoints = dsl.select(SURVEY_TOUCHPOINT.TOUCHPOINT_KEY).from(SURVEY_TOUCHPOINT)
                .where(SURVEY_TOUCHPOINT.SURVEY_ID.eq(id)).orderBy(SURVEY_TOUCHPOINT.TOUCHPOINT_KEY)
                .fetch(SURVEY_TOUCHPOINT.TOUCHPOINT_KEY);
        return definition(survey, version, questions, channels, touchpoints);
    }

    private static SurveyDefinition definition(SurveyRecord survey, int version, List<QuestionDefinition> questions,
                                               List<UUID> channels, List<String> touchpoints) {
        SurveyStatus status = SurveyStatus.parse(survey.getStatus()).orElseThrow(() ->
                new IllegalStateException("survey " + survey.getId() + " has an unknown status"));
        return new SurveyDefinition(survey.getId(), survey.getName(), status, version, survey.getDefaultLocale(),
                questions, channels, touchpoints, new Fatigue(survey.getQuietDays(), survey.getSamplingRate()),
                survey.getCreatedAt(), survey.getUpdatedAt());
    }

    private static QuestionDefinition question(SurveyQuestionRecord row) {
        return new QuestionDefinition(row.getQuestionId(), row.getQuestionType(), read(row.getTexts(), TEXTS),
                read(row.getOptions(), OPTIONS));
    }

    private static <K, V> Map<K, List<V>> grouped(Collection<? extends Record2<K, V>> rows) {
        Map<K, List<V>> grouped = new LinkedHashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(row.value1(), k -> new ArrayList<>()).add(row.value2()));
        return grouped;
    }

    /** @param value a value to store as JSON @return its JSON text */
    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("survey texts and options are always writable as JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored survey question is not JSON", e);
        }
    }
}
