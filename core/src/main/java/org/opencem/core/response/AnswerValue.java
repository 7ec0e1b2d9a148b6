package org.opencem.core.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.opencem.core.http.Json;

/**
 * An answer's value as stored: a whole-number score (score questions), or a text (free text, a choice).
 *
 * @param score the score, or {@code null}
 * @param text the text, or {@code null} (also once erased)
 */
record AnswerValue(Long score, String text) {

    /** @param value an answer as parsed from JSON @return it as stored */
    static AnswerValue of(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) < 1e15) {
            return new AnswerValue(number.longValue(), null);
        }
        if (value instanceof String text) {
            return new AnswerValue(null, text);
        }
        try {
            return new AnswerValue(null, Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an answer parsed from JSON can always be written", e);
        }
    }

    /** @return the value as the API shows it and metrics read it: the score, else the text */
    Object value() {
        return score != null ? score : text;
    }
}
