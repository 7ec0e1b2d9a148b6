package org.opencem.core.channel;

import static org.opencem.core.store.schema.Tables.CHANNEL_INSTANCE;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.store.schema.tables.records.ChannelInstanceRecord;

/** Channel instances and their configuration (JSON). Blocking: call from worker threads. */
@Singleton
public final class ChannelRepository {

    private final Clock clock;

    @Inject
    ChannelRepository(Clock clock) {
        this.clock = clock;
    }

    ChannelInstanceRecord create(DSLContext dsl, String type, String name, String configJson, boolean enabled) {
        ChannelInstanceRecord record = dsl.newRecord(CHANNEL_INSTANCE);
        record.setId(UUID.randomUUID());
        record.setChannelType(type);
        record.setName(name);
        record.setConfig(configJson);
        record.setEnabled(enabled);
        record.setCreatedAt(clock.instant());
        record.setUpdatedAt(record.getCreatedAt());
        record.store();
        return record;
    }

    Optional<ChannelInstanceRecord> find(DSLContext dsl, UUID id) {
        return dsl.selectFrom(CHANNEL_INSTANCE).where(CHANNEL_INSTANCE.ID.eq(id)).fetchOptional();
    }

    List<ChannelInstanceRecord> list(DSLContext dsl) {
        return dsl.selectFrom(CHANNEL_INSTANCE).orderBy(CHANNEL_INSTANCE.CREATED_AT, CHANNEL_INSTANCE.ID).fetch();
    }

    List<ChannelInstanceRecord> enabledOfTypes(DSLContext dsl, Collection<String> types) {
        return dsl.selectFrom(CHANNEL_INSTANCE)
                .where(CHANNEL_INSTANCE.CHANNEL_TYPE.in(types).and(CHANNEL_INSTANCE.ENABLED.isTrue()))
                .fetch();
    }

    void update(ChannelInstanceRecord record) {
        record.setUpdatedAt(clock.instant());
        record.store();
    }

    boolean delete(DSLContext dsl, UUID id) {
        return dsl.deleteFrom(CHANNEL_INSTANCE).where(CHANNEL_INSTANCE.ID.eq(id)).execute() == 1;
    }
}
