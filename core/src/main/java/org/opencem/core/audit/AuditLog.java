package org.opencem.core.audit;

import static org.opencem.core.store.schema.Tables.AUDIT_LOG;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jooq.DSLContext;
import org.opencem.core.auth.Principal;

/**
 * Who did what to what, and when: written in the transaction of the change it records. Details name ids
 * and settings, never secrets or personal data.
 */
@Singleton
public final class AuditLog {

    private final Clock clock;

    @Inject
    AuditLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param dsl the transaction of the change
     * @param actor who did it
     * @param action what ({@code plugin.enable}, {@code channel.create}...)
     * @param target what it was done to (an id)
     * @param detail more, without secrets or personal data; may be empty
     */
    public void record(DSLContext dsl, Principal actor, String action, String target, String detail) {
        dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.OCCURRED_AT, clock.instant())
                .set(AUDIT_LOG.ACTOR, actor.name())
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.TARGET, target)
                .set(AUDIT_LOG.DETAIL, detail)
                .execute();
    }
}
