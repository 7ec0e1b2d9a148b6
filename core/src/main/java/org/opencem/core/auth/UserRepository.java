package org.opencem.core.auth;

import static org.opencem.core.store.schema.Tables.APP_USER;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.store.schema.tables.records.AppUserRecord;

/** Console users. Blocking: call from worker threads. */
@Singleton
public final class UserRepository {

    private final Clock clock;

    @Inject
    UserRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param dsl the transaction
     * @param email normalized email
     * @param passwordHash encoded hash
     * @param role the user's role
     * @return the new user's id
     */
    public UUID create(DSLContext dsl, String email, String passwordHash, Role role) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(APP_USER)
                .set(APP_USER.ID, id)
                .set(APP_USER.EMAIL, email)
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.ROLE, role.id())
                .set(APP_USER.CREATED_AT, clock.instant())
                .execute();
        return id;
    }

    /** @param dsl a context @param email normalized email @return the user, if any */
    public Optional<AppUserRecord> findByEmail(DSLContext dsl, String email) {
        return dsl.selectFrom(APP_USER).where(APP_USER.EMAIL.eq(email)).fetchOptional();
    }

    /** @param dsl a context @param id user id @return the user, if any */
    public Optional<AppUserRecord> find(DSLContext dsl, UUID id) {
        return dsl.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOptional();
    }

    /** @param dsl a context @return every user, by email */
    public java.util.List<AppUserRecord> list(DSLContext dsl) {
        return dsl.selectFrom(APP_USER).orderBy(APP_USER.EMAIL).fetch();
    }

    /** @param dsl the transaction @param email normalized email @param passwordHash new encoded hash @return whether the user exists */
    public boolean setPassword(DSLContext dsl, String email, String passwordHash) {
        return dsl.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordHash).where(APP_USER.EMAIL.eq(email)).execute() == 1;
    }

    /** @param dsl a context @return whether any user exists */
    public boolean any(DSLContext dsl) {
        return dsl.fetchExists(APP_USER);
    }
}
