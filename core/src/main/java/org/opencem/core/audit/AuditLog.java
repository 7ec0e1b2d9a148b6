package org.opencem.core.audit;

import static org.opencem.core.store.schema.Tables.AUDIT_LOG;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
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

    /**
     * One audit entry.
     *
     * @param id increasing id, the paging cursor
     * @param occurredAt when
     * @param actor who
     * @param action what
     * @param target to what
     * @param detail more
     */
    public record Entry(long id, Instant occurredAt, String actor, String action, String target, String detail) {
    }

    /**
     * @param dsl a context
     * @param before only entries with a smaller id (the previous page's last id), if given
     * @param action only entries of this action, if given
     * @param limit the most entries to return
     * @return entries, newest first
     */
    public List<Entry> read(DSLContext dsl, Optional<Long> before, Optional<String> action, int limit) {
        Condition where = DSL.noCondition();
        if (before.isPresent()) {
            where = where.and(AUDIT_LOG.ID.lt(before.get()));
        }
        if (action.isPresent()) {
            where = where.and(AUDIT_LOG.ACTION.eq(action.get()));
        }
        return dsl.selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.ID.desc()).limit(limit)
                .fetch(r -> new Entry(r.getId(), r.getOccurredAt(), r.getActor(), r.getAction(), r.getTarget(),
                        r.getDetail()));
    }
}
