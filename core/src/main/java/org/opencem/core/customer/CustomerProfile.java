package org.opencem.core.customer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A customer as the store keeps it (never a merged one: lookups follow {@code merged_into} to the survivor).
 *
 * @param id the customer id
 * @param attributes the attributes, in the order stored
 * @param firstSeen the earliest time any of its identities was seen
 * @param lastSeen the latest time any of its identities was seen
 * @param createdAt when the profile was created; the older profile survives a merge
 */
public record CustomerProfile(UUID id, Map<String, Object> attributes, Instant firstSeen, Instant lastSeen, Instant createdAt) {
}
