package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencem.core.http.JsonBody;

/**
 * Reads the customer part of a request body ({@code identities} and {@code attributes}), the same way for the
 * customer API, events and responses, so every write names bad identities and attributes alike.
 */
@Singleton
public final class CustomerInput {

    private static final int MAX_IDENTITIES = 20;
    /** The longest attribute key. */
    public static final int MAX_KEY_LENGTH = 200;
    /** The longest identity type echoed in an error; longer ones are cut. */
    static final int MAX_ECHOED_TYPE = 64;

    private final IdentityNormalizer normalizer;

    @Inject
    CustomerInput(IdentityNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /**
     * Normalizes {@code identities}; every bad one is reported as {@code identities.<type>}.
     *
     * @param body the object holding {@code identities}
     * @return the normalized identities without repeats, empty (with an error) when there is none
     */
    public List<Identity> identities(JsonBody body) {
        Map<String, Object> sent = body.optionalObject("identities");
        if (sent.isEmpty()) {
            body.error("identities", "needs at least one identity, for example {\"email\": \"ana@example.com\"}");
            return List.of();
        }
        if (sent.size() > MAX_IDENTITIES) {
            body.error("identities", "must have at most " + MAX_IDENTITIES + " identities");
            return List.of();
        }
        Set<Identity> normalized = new LinkedHashSet<>();
        for (Map.Entry<String, Object> entry : sent.entrySet()) {
            if (!(entry.getValue() instanceof String value)) {
                body.error("identities." + shorten(entry.getKey()), "must be a string");
                continue;
            }
            try {
                normalized.add(normalizer.normalize(entry.getKey(), value));
            } catch (InvalidIdentityException e) {
                body.error(e.field(), e.getMessage());
            }
        }
        return new ArrayList<>(normalized);
    }

    /**
     * Reads {@code attributes}: an object of at most {@link CustomerService#MAX_ATTRIBUTES} keys, each 1 to 200
     * characters.
     *
     * @param body the object holding {@code attributes}
     * @return the attributes, empty when absent
     */
    public Map<String, Object> attributes(JsonBody body) {
        Map<String, Object> attributes = body.optionalObject("attributes");
        if (attributes.size() > CustomerService.MAX_ATTRIBUTES) {
            body.error("attributes", "must have at most " + CustomerService.MAX_ATTRIBUTES + " keys");
        } else if (attributes.keySet().stream().anyMatch(k -> k.isBlank() || k.length() > MAX_KEY_LENGTH)) {
            body.error("attributes", "keys must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return attributes;
    }

    /**
     * A customer as a write names it.
     *
     * @param identities its identities, normalized
     * @param attributes attributes to set
     */
    public record Named(List<Identity> identities, Map<String, Object> attributes) {
    }

    /**
     * Reads an optional {@code customer} object of a write: {@code {"identities": {...}, "attributes": {...}}}.
     *
     * @param body the write's body
     * @return the customer it names, empty when it names none
     */
    public Optional<Named> customer(JsonBody body) {
        return body.optionalChild("customer").map(customer -> {
            JsonBody part = customer.only(Set.of("identities", "attributes"));
            return new Named(identities(part), attributes(part));
        });
    }

    /** @param type a name sent by the client @return it, cut to {@link #MAX_ECHOED_TYPE} characters for an error */
    static String shorten(String type) {
        return type.length() <= MAX_ECHOED_TYPE ? type : type.substring(0, MAX_ECHOED_TYPE) + "...";
    }
}
