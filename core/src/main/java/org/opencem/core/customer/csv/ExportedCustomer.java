package org.opencem.core.customer.csv;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A customer as the export writes it.
 *
 * @param id the customer id
 * @param createdAt when the profile was created
 * @param firstSeen first seen
 * @param lastSeen last seen
 * @param identities identity type to its values, sorted
 * @param attributes the attributes
 */
record ExportedCustomer(UUID id, Instant createdAt, Instant firstSeen, Instant lastSeen,
                        Map<String, List<String>> identities, Map<String, Object> attributes) {
}
