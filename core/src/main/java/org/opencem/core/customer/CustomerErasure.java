package org.opencem.core.customer;

import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.CUSTOMER_IDENTITY;
import static org.opencem.core.store.schema.Tables.INTERACTION;
import static org.opencem.core.store.schema.Tables.INVITATION;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Erasure of a person (GDPR art. 17), keeping what aggregates need in a form that no longer names anyone.
 *
 * <ul>
 *   <li>Identities are deleted, so the next event naming the same email or phone creates a fresh customer.</li>
 *   <li>Attributes are cleared on the survivor and on every customer row merged into it (merged rows keep their
 *       attributes otherwise); all those rows get {@code erased_at}.</li>
 *   <li>Interactions keep type, channel, touchpoint, time and value (counts, journeys and engagement metrics stay
 *       right); their properties are cleared, and their event ids, which clients may build from personal data,
 *       become {@code erased:<random>:<row>} (unique, unrelated to the old id); the body hash goes too.</li>
 *   <li>Responses and their scores stay (survey results must not change after the fact); free-text answers are
 *       removed and response keys replaced like event ids. The latest score per metric stays too, naming no one
 *       once the rest is gone.</li>
 *   <li>Invitations keep their delivery facts; their error text (which may quote an address) is removed.</li>
 * </ul>
 *
 * <p>Interactions, responses and invitations keep pointing at the erased customer row rather than at nothing:
 * the row holds nothing personal after this, {@code interaction.customer_id} cannot be null, and keeping one
 * anonymous subject lets per-customer aggregates (issue 4) stay consistent. Merge records hold only ids and a
 * reason without personal data, and stay. Plugins' own tables are outside the core's reach.
 */
public final class CustomerErasure {

    /** Erased event ids and response keys start with this; clients cannot send such ids. */
    public static final String ID_PREFIX = "erased:";
    private static final String ERASED_HASH = "erased";

    private CustomerErasure() {
    }

    /**
     * @param dsl the transaction, holding the survivor's row lock
     * @param survivor a live customer
     * @param now the erasure time
     */
    static void erase(DSLContext dsl, UUID survivor, Instant now) {
        List<UUID> rows = new ArrayList<>(MergedCustomers.into(dsl, survivor));
        rows.add(survivor);
        String marker = ID_PREFIX + UUID.randomUUID() + ":";
        dsl.deleteFrom(CUSTOMER_IDENTITY).where(CUSTOMER_IDENTITY.CUSTOMER_ID.in(rows)).execute();
        dsl.update(CUSTOMER).set(CUSTOMER.ATTRIBUTES, "{}").set(CUSTOMER.ERASED_AT, now).where(CUSTOMER.ID.in(rows)).execute();
        dsl.update(INTERACTION)
                .set(INTERACTION.EVENT_ID, DSL.concat(DSL.val(marker), INTERACTION.ID.cast(SQLDataType.VARCHAR(20))))
                .set(INTERACTION.BODY_HASH, ERASED_HASH)
                .set(INTERACTION.PROPERTIES, "{}")
                .where(INTERACTION.CUSTOMER_ID.in(rows))
                .execute();
        dsl.update(RESPONSE_ANSWER)
                .setNull(RESPONSE_ANSWER.TEXT_VALUE)
                .where(RESPONSE_ANSWER.RESPONSE_ID.in(DSL.select(RESPONSE.ID).from(RESPONSE).where(RESPONSE.CUSTOMER_ID.in(rows))))
                .execute();
        dsl.update(RESPONSE)
                .set(RESPONSE.RESPONSE_KEY, DSL.concat(DSL.val(marker), RESPONSE.ID.cast(SQLDataType.VARCHAR(36))))
                .where(RESPONSE.CUSTOMER_ID.in(rows))
                .execute();
        dsl.update(INVITATION).setNull(INVITATION.ERROR).where(INVITATION.CUSTOMER_ID.in(rows)).execute();
    }
}
