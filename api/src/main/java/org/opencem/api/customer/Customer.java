package org.opencem.api.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencem.api.annotation.PublicApi;

/**
 * One customer profile, as resolved from its identities.
 *
 * @param id the profile id; after a merge, the surviving profile's id
 * @param identities every identity of the profile
 * @param attributes free attributes (tier, city...) as JSON values
 * @param firstSeen time of the earliest interaction
 * @param lastSeen time of the latest interaction
 */
@PublicApi
public record Customer(String id, List<Identity> identities, Map<String, Object> attributes,
                       Instant firstSeen, Instant lastSeen) {

    /** Copies the collections. */
    public Customer {
        identities = List.copyOf(identities);
        attributes = Map.copyOf(attributes);
    }
}
