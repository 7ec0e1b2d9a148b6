package org.opencem.api.survey;

import java.util.Map;
import java.util.Optional;
import org.opencem.api.annotation.ExtensionPoint;

/**
 * A question a survey can ask: NPS 0-10, CSAT 1-5, CES 1-7, text, choice, rating.
 *
 * <p>Discovered and created like every extension (PF4J {@code @Extension}, the plugin's Guice injector,
 * one instance per plugin). Methods are pure and called from any thread, event loops included. A second
 * plugin declaring the same {@link #id()} fails to start.
 */
@ExtensionPoint
public interface QuestionType extends org.pf4j.ExtensionPoint {

    /** @return the stable id, kebab-case ({@code nps}) */
    String id();

    /** @return the scale of a score question; empty for free text and choices */
    Optional<Scale> scale();

    /**
     * Checks one answer as parsed from JSON (a number, a string, a list).
     *
     * @param value the answer given
     * @return the reason it is refused, or empty when valid
     */
    Optional<String> validate(Object value);

    /**
     * @return the default wording of the question by locale; at least {@code en}, and {@code pt}, {@code es}
     *     and {@code fr} for bundled types
     */
    Map<String, String> defaultText();

    /**
     * An inclusive integer scale.
     *
     * @param min lowest score
     * @param max highest score
     */
    record Scale(int min, int max) {
        /** Checks min is below max. */
        public Scale {
            if (min >= max) {
                throw new IllegalArgumentException("scale min must be below max");
            }
        }

        /** @param score a score @return whether it is on this scale */
        public boolean contains(long score) {
            return score >= min && score <= max;
        }
    }
}
