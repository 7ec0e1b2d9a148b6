package org.opencem.core.customer;

import java.time.Instant;
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
 */
public record CustomerView(UUID id, Map<String, List<String>> identities, Map<String, Object> attributes,
                           Instant firstSeen, Instant lastSeen, Instant createdAt) {
}
