package org.opencem.core.response;

import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.opencem.core.customer.QueryParameters;
import org.opencem.core.survey.QuestionTypes;

/**
 * The filters of the response list and export, combined with AND.
 *
 * @param survey only responses to this survey
 * @param from only responses given at or after this time
 * @param to only responses given before this time
 * @param channel only responses from this channel
 * @param touchpoint only responses at this touchpoint
 * @param question only responses answering this question (with the score range: whose answer to it is in range)
 * @param minScore only responses with a score (of {@code question}, when given) at least this
 * @param maxScore only responses with a score (of {@code question}, when given) at most this
 * @param hasComment only responses with (true) or without (false) a free-text answer
 */
record ResponseFilter(Optional<UUID> survey, Optional<Instant> from, Optional<Instant> to, Optional<String> channel,
                      Optional<String> touchpoint, Optional<String> question, Optional<Long> minScore,
                      Optional<Long> maxScore, Optional<Boolean> hasComment) {

    /** The query parameters of the filters. */
    static final Set<String> PARAMETERS = Set.of("survey", "from", "to", "channel", "touchpoint", "question", "minScore",
            "maxScore", "hasComment");

    /**
     * Reads the filters; bad ones are reported on the query. A date is a whole day in the reporting zone: {@code from}
     * from its start, {@code to} to its end (inclusive); a date-time (with an offset) is taken as is, {@code to}
     * exclusive.
     *
     * @param query the request's parameters
     * @param zone the reporting zone
     * @return the filters
     */
    static ResponseFilter of(QueryParameters query, ZoneId zone) {
        Optional<UUID> survey = query.text("survey", 36).flatMap(text -> uuid(query, text));
        Optional<Instant> from = query.text("from", 40).flatMap(text -> time(query, "from", text, zone, false));
        Optional<Instant> to = query.text("to", 40).flatMap(text -> time(query, "to", text, zone, true));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            query.error("from", "must be before to");
        }
        Optional<Long> minScore = query.text("minScore", 18).flatMap(text -> score(query, "minScore", text));
        Optional<Long> maxScore = query.text("maxScore", 18).flatMap(text -> score(query, "maxScore", text));
        if (minScore.isPresent() && maxScore.isPresent() && minScore.get() > maxScore.get()) {
            query.error("minScore", "must not be above maxScore");
        }
        Optional<Boolean> hasComment = query.text("hasComment", 5).flatMap(text -> switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                query.error("hasComment", "must be true or false");
                yield Optional.empty();
            }
        });
        return new ResponseFilter(survey, from, to, query.text("channel", 100), query.text("touchpoint", 100),
                query.text("question", 64), minScore, maxScore, hasComment);
    }

    /** @return the condition on {@code response} rows */
    Condition condition() {
        Condition condition = DSL.noCondition();
        condition = survey.map(RESPONSE.SURVEY_ID::eq).map(condition::and).orElse(condition);
        condition = from.map(RESPONSE.OCCURRED_AT::ge).map(condition::and).orElse(condition);
        condition = to.map(RESPONSE.OCCURRED_AT::lt).map(condition::and).orElse(condition);
        condition = channel.map(RESPONSE.CHANNEL::eq).map(condition::and).orElse(condition);
        condition = touchpoint.map(RESPONSE.TOUCHPOINT_KEY::eq).map(condition::and).orElse(condition);
        if (question.isPresent() || minScore.isPresent() || maxScore.isPresent()) {
            Condition answer = question.map(RESPONSE_ANSWER.QUESTION_ID::eq).orElse(DSL.noCondition());
            answer = minScore.map(RESPONSE_ANSWER.SCORE::ge).map(answer::and).orElse(answer);
            answer = maxScore.map(RESPONSE_ANSWER.SCORE::le).map(answer::and).orElse(answer);
            condition = condition.and(DSL.exists(answers(answer)));
        }
        if (hasComment.isPresent()) {
            Condition comment = DSL.exists(answers(RESPONSE_ANSWER.QUESTION_TYPE.eq(QuestionTypes.TEXT)
                    .and(RESPONSE_ANSWER.TEXT_VALUE.isNotNull())));
            condition = condition.and(hasComment.get() ? comment : DSL.not(comment));
        }
        return condition;
    }

    private static org.jooq.Select<?> answers(Condition condition) {
        return DSL.selectOne().from(RESPONSE_ANSWER).where(RESPONSE_ANSWER.RESPONSE_ID.eq(RESPONSE.ID).and(condition));
    }

    private static Optional<UUID> uuid(QueryParameters query, String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            query.error("survey", "must be a survey id");
            return Optional.empty();
        }
    }

    private static Optional<Instant> time(QueryParameters query, String name, String text, ZoneId zone, boolean end) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return Optional.of((end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            query.error(name, "must be a date (2026-11-20) or a date-time with an offset (2026-11-20T10:15:00Z)");
            return Optional.empty();
        }
    }

    private static Optional<Long> score(QueryParameters query, String name, String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            query.error(name, "must be a whole number");
            return Optional.empty();
        }
    }
}
