package org.opencem.api.customer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.opencem.api.annotation.PublicApi;

/**
 * The one customer store every plugin shares. Plugins read and write customers and interactions only
 * through it, so identities, merges, rollups and idempotency stay consistent.
 *
 * <p>Every method is asynchronous and safe to call from an event loop: the stage completes once the
 * data is committed and durable, on a thread of the core's choosing.
 */
@PublicApi
public interface CustomerStore {

    /**
     * Finds the customer these identities name, creating one when none does and merging profiles when
     * they name several.
     *
     * @param identities at least one identity
     * @param attributes attributes to set on the profile; empty to leave them as they are
     * @return the resolved customer
     */
    CompletionStage<Customer> resolve(List<Identity> identities, Map<String, Object> attributes);

    /** @param customerId a profile id, possibly of a merged profile @return the (surviving) customer */
    CompletionStage<Optional<Customer>> find(String customerId);

    /**
     * Records an interaction once per id, resolving its customer.
     *
     * @param interaction the interaction
     * @return the customer it was recorded on
     */
    CompletionStage<Customer> record(Interaction interaction);

    /**
     * @param customerId a profile id
     * @param limit the most interactions to return
     * @return the customer's interactions, newest first
     */
    CompletionStage<List<Interaction>> timeline(String customerId, int limit);
}
