package org.opencem.core.auth;

import static org.opencem.core.store.schema.Tables.APP_USER;
import static org.opencem.core.store.schema.Tables.USER_SESSION;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Console sessions, in the store so they survive restarts and work across nodes. The cookie holds a
 * random id; the store holds only its hash.
 */
@Singleton
public final class SessionRepository {

    /** How long a session lasts. */
    public static final Duration TTL = Duration.ofHours(12);

    private final Clock clock;

    @Inject
    SessionRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * A new session.
     *
     * @param id the cookie value
     * @param csrfToken the token cookie-authenticated writes must repeat in a header
     */
    public record NewSession(String id, String csrfToken) {
    }

    /** @param dsl the transaction @param userId the user @return the new session */
    public NewSession create(DSLContext dsl, UUID userId) {
        NewSession session = new NewSession(Secrets.random(32), Secrets.random(32));
        dsl.deleteFrom(USER_SESSION).where(USER_SESSION.EXPIRES_AT.lt(clock.instant())).execute();
        dsl.insertInto(USER_SESSION)
                .set(USER_SESSION.ID_HASH, Secrets.sha256(session.id()))
                .set(USER_SESSION.USER_ID, userId)
                .set(USER_SESSION.CSRF_TOKEN, session.csrfToken())
                .set(USER_SESSION.CREATED_AT, clock.instant())
                .set(USER_SESSION.EXPIRES_AT, clock.instant().plus(TTL))
                .execute();
        return session;
    }

    /** @param dsl a context @param id a cookie value @return who the live session belongs to */
    public Optional<Principal> find(DSLContext dsl, String id) {
        return dsl.select(APP_USER.EMAIL, APP_USER.ROLE, USER_SESSION.CSRF_TOKEN)
                .from(USER_SESSION).join(APP_USER).on(APP_USER.ID.eq(USER_SESSION.USER_ID))
                .where(USER_SESSION.ID_HASH.eq(Secrets.sha256(id)).and(USER_SESSION.EXPIRES_AT.gt(clock.instant())))
                .fetchOptional(r -> new Principal(r.value1(), Role.parse(r.value2()).orElseThrow(),
                        Optional.of(r.value3())));
    }

    /** @param dsl the transaction @param userId a user whose every session ends */
    public void deleteAllOf(DSLContext dsl, UUID userId) {
        dsl.deleteFrom(USER_SESSION).where(USER_SESSION.USER_ID.eq(userId)).execute();
    }

    /** @param dsl the transaction @param id a cookie value */
    public void delete(DSLContext dsl, String id) {
        dsl.deleteFrom(USER_SESSION).where(USER_SESSION.ID_HASH.eq(Secrets.sha256(id))).execute();
    }
}
