package org.opencem.core.survey;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a survey is in its life: only an active survey takes answers; a closed one never changes again. */
public enum SurveyStatus {
    DRAFT, ACTIVE, PAUSED, CLOSED;

    /** @return the name in the API and the store ({@code draft}) */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param id a status name as stored or sent @return the status, when it is one */
    public static Optional<SurveyStatus> parse(String id) {
        return Arrays.stream(values()).filter(status -> status.id().equals(id)).findFirst();
    }
}
