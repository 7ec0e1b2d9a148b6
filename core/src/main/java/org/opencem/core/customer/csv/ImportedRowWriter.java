package org.opencem.core.customer.csv;

import org.opencem.api.customer.Identity;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.customer.CustomerProfile;
import org.opencem.core.customer.CustomerRepository;
import org.opencem.core.customer.CustomerResolver;
import org.opencem.core.customer.CustomerService;
import org.opencem.core.customer.Resolution;
import org.opencem.core.customer.csv.ImportTally.Outcome;
import org.opencem.core.http.ProblemException;

/**
 * Stores one imported row in the caller's transaction (blocking). An import tells what is known about a
 * customer without having seen them, so it never moves an existing customer's first and last seen; and a
 * row the store already holds writes nothing, which is what makes importing a file again change nothing.
 */
@Singleton
final class ImportedRowWriter {

    private final CustomerRepository customers;
    private final CustomerResolver resolver;

    @Inject
    ImportedRowWriter(CustomerRepository customers, CustomerResolver resolver) {
        this.customers = customers;
        this.resolver = resolver;
    }

    /**
     * @param dsl the transaction
     * @param row a row that is not refused
     * @return what storing it did
     * @throws ProblemException 400 naming {@code attributes} when the customer would pass the attribute limit
     */
    Outcome write(DSLContext dsl, ParsedRow row) {
        if (alreadyStored(dsl, row)) {
            return Outcome.UNCHANGED;
        }
        Resolution resolution = resolver.resolveWithoutSighting(dsl, row.identities(), row.attributes());
        if (resolution.created()) {
            return Outcome.CREATED;
        }
        if (!row.attributes().isEmpty() && customers.find(dsl, resolution.customerId()).orElseThrow().attributes().size()
                > CustomerService.MAX_ATTRIBUTES) {
            throw ProblemException.badField("attributes", "the customer would have more than "
                    + CustomerService.MAX_ATTRIBUTES + " attribute keys");
        }
        return resolution.merged().isEmpty() ? Outcome.UPDATED : Outcome.MERGED;
    }

    /** Whether one customer already has all the row's identities and attribute values. */
    private boolean alreadyStored(DSLContext dsl, ParsedRow row) {
        Map<Identity, UUID> owners = customers.owners(dsl, row.identities());
        Set<UUID> owning = new HashSet<>(owners.values());
        if (owners.size() != row.identities().size() || owning.size() != 1) {
            return false;
        }
        CustomerProfile profile = customers.find(dsl, owning.iterator().next()).orElseThrow();
        return profile.attributes().entrySet().containsAll(row.attributes().entrySet());
    }
}
