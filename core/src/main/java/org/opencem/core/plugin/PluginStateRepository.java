package org.opencem.core.plugin;

import static org.opencem.core.store.schema.Tables.PLUGIN_STATE;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;

/** Whether each plugin is enabled, kept in the store so it survives restarts. */
@Singleton
final class PluginStateRepository {

    private final Clock clock;

    @Inject
    PluginStateRepository(Clock clock) {
        this.clock = clock;
    }

    List<String> disabled(DSLContext dsl) {
        return dsl.select(PLUGIN_STATE.PLUGIN_ID).from(PLUGIN_STATE).where(PLUGIN_STATE.ENABLED.isFalse())
                .fetch(PLUGIN_STATE.PLUGIN_ID);
    }

    void setEnabled(DSLContext dsl, String pluginId, boolean enabled) {
        dsl.insertInto(PLUGIN_STATE)
                .set(PLUGIN_STATE.PLUGIN_ID, pluginId)
                .set(PLUGIN_STATE.ENABLED, enabled)
                .set(PLUGIN_STATE.UPDATED_AT, clock.instant())
                .onConflict(PLUGIN_STATE.PLUGIN_ID)
                .doUpdate()
                .set(PLUGIN_STATE.ENABLED, enabled)
                .set(PLUGIN_STATE.UPDATED_AT, clock.instant())
                .execute();
    }

    void forget(DSLContext dsl, String pluginId) {
        dsl.deleteFrom(PLUGIN_STATE).where(PLUGIN_STATE.PLUGIN_ID.eq(pluginId)).execute();
    }
}
