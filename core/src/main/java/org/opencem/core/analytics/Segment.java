package org.opencem.core.analytics;

import java.util.Optional;
import org.opencem.core.customer.AttributeFilter;
import org.opencem.core.customer.CustomerInput;

/**
 * The customers a series is restricted to, {@code segment=attributes.<key>:<value>}: those whose attribute equals
 * the value, compared as the customer list compares ({@link AttributeFilter}).
 *
 * @param attribute the attribute equality
 */
public record Segment(AttributeFilter attribute) {

    private static final String PREFIX = "attributes.";
    private static final int MAX_VALUE = 1_000;

    /** The rule {@link #parse} applies, for error messages. */
    public static final String FORMAT = "must be attributes.<key>:<value> (a key of at most " + CustomerInput.MAX_KEY_LENGTH
            + " characters without ':', a value of 1 to " + MAX_VALUE + " characters)";

    /**
     * @param text the parameter as sent
     * @return the segment, or empty when malformed
     */
    public static Optional<Segment> parse(String text) {
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = text.indexOf(':', PREFIX.length());
        if (colon <= PREFIX.length() || colon == text.length() - 1) {
            return Optional.empty();
        }
        String key = text.substring(PREFIX.length(), colon);
        String value = text.substring(colon + 1);
        if (key.length() > CustomerInput.MAX_KEY_LENGTH || value.length() > MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new Segment(new AttributeFilter(key, value)));
    }
}
