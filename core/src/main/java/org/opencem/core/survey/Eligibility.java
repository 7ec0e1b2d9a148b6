package org.opencem.core.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * Whether a survey may invite a customer now.
 *
 * @param eligible whether it may
 * @param reason why not; {@code null} when eligible
 * @param nextEligibleAt when the quiet period ends; {@code null} unless the reason is the quiet period
 */
public record Eligibility(boolean eligible, @JsonInclude(JsonInclude.Include.ALWAYS) Reason reason,
                          @JsonInclude(JsonInclude.Include.ALWAYS) Instant nextEligibleAt) {

    /** Why a customer may not be invited. */
    public enum Reason {
        /** The survey is a draft, paused or closed. */
        SURVEY_NOT_ACTIVE,
        /** The customer was invited to, or answered, some survey within this survey's quiet days. */
        QUIET_PERIOD,
        /** The customer already has an invitation to this survey. */
        ALREADY_INVITED,
        /** The customer is outside the survey's sample. */
        NOT_SAMPLED;

        /** @return the name in the API ({@code quiet-period}) */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final Eligibility ELIGIBLE = new Eligibility(true, null, null);

    static Eligibility refused(Reason reason) {
        return new Eligibility(false, reason, null);
    }
}
