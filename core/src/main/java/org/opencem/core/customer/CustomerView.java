package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A customer as the API shows it.
 *
 * @param id the customer id (always a survivor, never a merged id)
 * @param identities identity type to its normalized values, types and values sorted
 * @param attributes the attributes
 * @param firstSeen the earliest time any of its identities was seen
 * @param lastSeen the latest time any of its identities was seen
 * @param createdAt when the profile was created
 * @param counts its interactions counted; {@code null} (left out of the JSON) in lists, where counting every
 *        listed customer's interactions would make a page cost grow with their history
 * @param metrics its latest answer per metric, by metric id; {@code null} in lists, like {@code counts}
 */
public record CustomerView(UUID id, Map<String, List<String>> identities, Map<String, Object> attributes,
                           Instant firstSeen, Instant lastSeen, Instant createdAt, InteractionCounts counts,
                           Map<String, Object> metrics) {

    /** A view without counts and metrics, as list items show customers. */
    public CustomerView(UUID id, Map<String, List<String>> identities, Map<String, Object> attributes,
                        Instant firstSeen, Instant lastSeen, Instant createdAt) {
        this(id, identities, attributes, firstSeen, lastSeen, createdAt, null, null);
    }

    /**
     * @param profile the stored profile
     * @param identities its identities, sorted by type then value
     * @return the view without counts and metrics
     */
    static CustomerView of(CustomerProfile profile, List<Identity> identities) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Identity identity : identities) {
            grouped.computeIfAbsent(identity.type(), t -> new ArrayList<>()).add(identity.value());
        }
        return new CustomerView(profile.id(), grouped, profile.attributes(), profile.firstSeen(), profile.lastSeen(),
                profile.createdAt());
    }

    /** @param counts its interaction counts @param metrics its metrics @return this view with both */
    CustomerView with(InteractionCounts counts, Map<String, Object> metrics) {
        return new CustomerView(id, identities, attributes, firstSeen, lastSeen, createdAt, counts, metrics);
    }
}
