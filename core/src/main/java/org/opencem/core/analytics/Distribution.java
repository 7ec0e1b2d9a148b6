package org.opencem.core.analytics;

import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.opencem.api.survey.QuestionType;
import org.opencem.core.http.ProblemException;
import org.opencem.core.survey.QuestionDefinition;
import org.opencem.core.survey.QuestionTypes;
import org.opencem.core.survey.SurveyCatalog;
import org.opencem.core.survey.SurveyDefinition;

/**
 * How many answers each value of one question got: every value of a score question's scale, every option of a
 * choice question (with the options of older versions that asked it with the same type), counted with one grouped
 * query over the question's stored answers of its current type in the range ({@code response_survey_time_ix},
 * then the answer key). A free-text question has no distribution.
 */
@Singleton
public final class Distribution {

    /**
     * A distribution asked for.
     *
     * @param survey the survey
     * @param question the question's id
     * @param channel only responses on this channel
     * @param touchpoint only responses at this touchpoint
     * @param from first day, inclusive, in {@code zone}
     * @param to last day, inclusive
     * @param zone the zone days are cut in
     */
    public record Query(UUID survey, String question, Optional<String> channel, Optional<String> touchpoint,
                        LocalDate from, LocalDate to, ZoneId zone) {
    }

    /**
     * A distribution.
     *
     * @param surveyId the survey
     * @param question the question's id
     * @param type its question type
     * @param timeZone the zone days are cut in
     * @param from first day
     * @param to last day
     * @param n the number of answers
     * @param counts every value, in scale or option order
     */
    public record View(UUID surveyId, String question, String type, String timeZone, LocalDate from, LocalDate to, long n,
                       List<Count> counts) {
    }

    /** @param value a score or an option @param count its answers */
    public record Count(Object value, long count) {
    }

    private final SurveyCatalog surveys;
    private final QuestionTypes questionTypes;

    @Inject
    Distribution(SurveyCatalog surveys, QuestionTypes questionTypes) {
        this.surveys = surveys;
        this.questionTypes = questionTypes;
    }

    /**
     * @param dsl a context, in a transaction
     * @param query the distribution
     * @return the count of every value
     * @throws ProblemException 400 naming {@code survey} or {@code question} when unknown, or a free-text question
     */
    public View of(DSLContext dsl, Query query) {
        SurveyDefinition survey = surveys.current(dsl, query.survey())
                .orElseThrow(() -> ProblemException.badField("survey", "is not a survey"));
        QuestionDefinition question = latest(dsl, survey, query.question())
                .orElseThrow(() -> ProblemException.badField("question", "is not a question of this survey"));
        Optional<QuestionType.Scale> scale = questionTypes.find(question.type()).flatMap(QuestionType::scale);
        boolean choice = !question.options().isEmpty();
        if (scale.isEmpty() && !choice) {
            throw ProblemException.badField("question", "is a free-text question: it has no distribution");
        }
        Map<Object, Long> counts = new LinkedHashMap<>();
        scale.ifPresent(s -> {
            for (long value = s.min(); value <= s.max(); value++) {
                counts.put(value, 0L);
            }
        });
        question.options().forEach(option -> counts.put(option, 0L));
        long n = 0;
        for (Record3<Long, String, Integer> row : dsl.select(RESPONSE_ANSWER.SCORE, RESPONSE_ANSWER.TEXT_VALUE, DSL.count())
                .from(RESPONSE).join(RESPONSE_ANSWER).on(RESPONSE_ANSWER.RESPONSE_ID.eq(RESPONSE.ID))
                .where(RESPONSE.SURVEY_ID.eq(survey.id()), RESPONSE_ANSWER.QUESTION_ID.eq(question.id()),
                        RESPONSE_ANSWER.QUESTION_TYPE.eq(question.type()),
                        RESPONSE.OCCURRED_AT.ge(query.from().atStartOfDay(query.zone()).toInstant()),
                        RESPONSE.OCCURRED_AT.lt(query.to().plusDays(1).atStartOfDay(query.zone()).toInstant()),
                        query.channel().map(RESPONSE.CHANNEL::eq).orElse(DSL.noCondition()),
                        query.touchpoint().map(RESPONSE.TOUCHPOINT_KEY::eq).orElse(DSL.noCondition()))
                .groupBy(RESPONSE_ANSWER.SCORE, RESPONSE_ANSWER.TEXT_VALUE)
                .fetch()) {
            Object value = row.value1() != null ? row.value1() : row.value2();
            // An erased customer's texts are gone: they count in no option.
            if (value != null) {
                counts.merge(value, (long) row.value3(), Long::sum);
                n += row.value3();
            }
        }
        List<Count> list = new ArrayList<>();
        counts.forEach((value, count) -> list.add(new Count(value, count)));
        return new View(survey.id(), question.id(), question.type(), query.zone().getId(), query.from(), query.to(), n, list);
    }

    /** The question as its latest version asking it defines it; older versions' options answered stay listed. */
    private Optional<QuestionDefinition> latest(DSLContext dsl, SurveyDefinition current, String id) {
        Set<String> options = new LinkedHashSet<>();
        Optional<QuestionDefinition> latest = Optional.empty();
        for (int version = current.version(); version >= 1; version--) {
            Optional<QuestionDefinition> asked = (version == current.version() ? Optional.of(current)
                    : surveys.version(dsl, current.id(), version)).flatMap(s -> s.question(id));
            if (asked.isPresent()) {
                latest = latest.or(() -> asked);
                if (asked.get().type().equals(latest.get().type())) {
                    options.addAll(asked.get().options());
                }
            }
        }
        return latest.map(q -> new QuestionDefinition(q.id(), q.type(), q.text(), List.copyOf(options)));
    }
}
