package org.opencem.core.auth;

import static org.opencem.core.store.schema.Tables.API_TOKEN;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.store.schema.tables.records.ApiTokenRecord;

/** API tokens, stored as SHA-256 hashes only. Blocking: call from worker threads. */
@Singleton
public final class ApiTokenRepository {

    private final Clock clock;

    @Inject
    ApiTokenRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param dsl the transaction
     * @param name a label for the token
     * @param token the token value, hashed before it is stored
     * @param role what the token may do
     * @param createdBy who created it
     * @return the stored token
     */
    public ApiTokenRecord create(DSLContext dsl, String name, String token, Role role, String createdBy) {
        ApiTokenRecord record = dsl.newRecord(API_TOKEN);
        record.setId(UUID.randomUUID());
        record.setName(name);
        record.setTokenHash(Secrets.sha256(token));
        record.setRole(role.id());
        record.setCreatedBy(createdBy);
        record.setCreatedAt(clock.instant());
        record.store();
        return record;
    }

    /** @param dsl a context @param token a presented token @return the live token it matches, if any */
    public Optional<ApiTokenRecord> findLive(DSLContext dsl, String token) {
        return dsl.selectFrom(API_TOKEN)
                .where(API_TOKEN.TOKEN_HASH.eq(Secrets.sha256(token)).and(API_TOKEN.REVOKED_AT.isNull()))
                .fetchOptional();
    }

    /** @param dsl a context @return the live tokens, newest first */
    public List<ApiTokenRecord> listLive(DSLContext dsl) {
        return dsl.selectFrom(API_TOKEN).where(API_TOKEN.REVOKED_AT.isNull())
                .orderBy(API_TOKEN.CREATED_AT.desc()).fetch();
    }

    /** @param dsl the transaction @param id token id @return the revoked token's hash; empty when none was live */
    public Optional<String> revoke(DSLContext dsl, UUID id) {
        return dsl.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, clock.instant())
                .where(API_TOKEN.ID.eq(id).and(API_TOKEN.REVOKED_AT.isNull()))
                .returning(API_TOKEN.TOKEN_HASH)
                .fetchOptional(API_TOKEN.TOKEN_HASH);
    }
}
