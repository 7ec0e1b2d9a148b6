package org.opencem.core.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One question of one survey version.
 *
 * @param id the question's id within its survey ({@code q1})
 * @param type the question type id ({@code nps}, {@code choice}...)
 * @param text the wording by locale; the survey's default locale is always present
 * @param options the choices of a {@code choice} question, in order; empty for every other type
 */
public record QuestionDefinition(String id, String type, Map<String, String> text,
                                 @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> options) {

    /** Requires the id and type and copies the collections, keeping the texts' order. */
    public QuestionDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        text = Collections.unmodifiableMap(new LinkedHashMap<>(text));
        options = List.copyOf(options);
    }
}
