package org.opencem.core.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.jooq.DSLContext;
import org.opencem.api.channel.Channel;
import org.opencem.api.channel.ChannelContext;
import org.opencem.api.channel.ChannelHealth;
import org.opencem.api.channel.ChannelType;
import org.opencem.api.config.ConfigProperty;
import org.opencem.api.config.ConfigSchema;
import org.opencem.api.config.ConfigValidationException;
import org.opencem.api.config.Configuration;
import org.opencem.api.http.PublicRoutes;
import org.opencem.core.audit.AuditLog;
import org.opencem.core.auth.Principal;
import org.opencem.core.http.Json;
import org.opencem.core.http.Problem;
import org.opencem.core.http.ProblemException;
import org.opencem.core.plugin.ExtensionRegistry;
import org.opencem.core.plugin.Registration;
import org.opencem.core.store.Database;
import org.opencem.core.store.schema.tables.records.ChannelInstanceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel instances: configured, validated against their type's schema, started while their type's
 * plugin runs, and stopped (routes unmounted first) when disabled, reconfigured, deleted, or when the
 * plugin stops. Blocking: call from worker threads; state changes are serialized by this service's lock.
 */
@Singleton
public final class ChannelService {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelService.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private record Running(String pluginId, String type, Channel channel, Registration routes) {
    }

    private final Database database;
    private final ChannelRepository repository;
    private final ExtensionRegistry registry;
    private final ChannelMounts mounts;
    private final AuditLog audit;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final Map<UUID, String> failures = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, Throwable> pluginFailures = (plugin, error) -> { };

    @Inject
    ChannelService(Database database, ChannelRepository repository, ExtensionRegistry registry, ChannelMounts mounts,
                   AuditLog audit) {
        this.database = database;
        this.repository = repository;
        this.registry = registry;
        this.mounts = mounts;
        this.audit = audit;
    }

    /** @param listener told when a channel's handler throws: plugin id and error */
    public void reportFailuresTo(BiConsumer<String, Throwable> listener) {
        this.pluginFailures = listener;
    }

    /**
     * Starts the enabled instances of a plugin's channel types.
     *
     * @param pluginId the plugin just activated
     * @param types its channel type ids
     * @return the handle that stops them all
     */
    public synchronized Registration startChannels(String pluginId, List<String> types) {
        if (!types.isEmpty()) {
            for (ChannelInstanceRecord record : repository.enabledOfTypes(database.dsl(), types)) {
                start(record);
            }
        }
        return () -> stopChannelsOf(pluginId);
    }

    private synchronized void stopChannelsOf(String pluginId) {
        running.entrySet().stream().filter(e -> e.getValue().pluginId().equals(pluginId)).map(Map.Entry::getKey)
                .toList().forEach(this::stop);
    }

    /** @return every instance with its status */
    public List<ChannelView> list() {
        return repository.list(database.dsl()).stream().map(this::view).toList();
    }

    /** @param id an instance id @return the instance */
    public ChannelView get(UUID id) {
        return view(existing(database.dsl(), id));
    }

    /**
     * @param type the channel type id
     * @param name the instance's name
     * @param config raw configuration values
     * @param enabled whether to start it
     * @param actor who creates it
     * @return the created instance
     */
    public synchronized ChannelView create(String type, String name, Map<String, Object> config, boolean enabled,
                                           Principal actor) {
        ChannelType channelType = availableType(type, "type");
        Configuration valid = validate(channelType.configSchema(), config);
        ChannelInstanceRecord record = database.dsl().transactionResult(c -> {
            ChannelInstanceRecord created = repository.create(c.dsl(), type, name, toJson(valid), enabled);
            audit.record(c.dsl(), actor, "channel.create", created.getId().toString(), "type=" + type);
            return created;
        });
        if (enabled) {
            start(record);
        }
        return view(record);
    }

    /**
     * Replaces an instance's name and configuration; secrets left out keep their stored value.
     *
     * @param id the instance
     * @param name new name, or empty to keep it
     * @param config new raw configuration values
     * @param enabled new enabled flag, or empty to keep it
     * @param actor who changes it
     * @return the updated instance
     */
    public synchronized ChannelView update(UUID id, Optional<String> name, Map<String, Object> config,
                                           Optional<Boolean> enabled, Principal actor) {
        ChannelInstanceRecord record = existing(database.dsl(), id);
        ChannelType channelType = availableType(record.getChannelType(), "type");
        Map<String, Object> merged = new LinkedHashMap<>(config);
        Map<String, Object> stored = fromJson(record.getConfig());
        for (ConfigProperty property : channelType.configSchema().properties()) {
            if (property.secret() && merged.get(property.name()) == null && stored.containsKey(property.name())) {
                merged.put(property.name(), stored.get(property.name()));
            }
        }
        Configuration valid = validate(channelType.configSchema(), merged);
        stop(id);
        name.ifPresent(record::setName);
        enabled.ifPresent(record::setEnabled);
        record.setConfig(toJson(valid));
        database.dsl().transaction(c -> {
            c.dsl().attach(record);
            repository.update(record);
            audit.record(c.dsl(), actor, "channel.update", id.toString(), "");
        });
        if (record.getEnabled()) {
            start(record);
        }
        return view(record);
    }

    /**
     * @param id the instance
     * @param enabled whether it should run
     * @param actor who changes it
     * @return the instance
     */
    public synchronized ChannelView setEnabled(UUID id, boolean enabled, Principal actor) {
        ChannelInstanceRecord record = existing(database.dsl(), id);
        stop(id);
        record.setEnabled(enabled);
        database.dsl().transaction(c -> {
            c.dsl().attach(record);
            repository.update(record);
            audit.record(c.dsl(), actor, enabled ? "channel.enable" : "channel.disable", id.toString(), "");
        });
        if (enabled && registry.channelType(record.getChannelType()).isPresent()) {
            start(record);
        }
        return view(record);
    }

    /** @param id the instance @param actor who deletes it */
    public synchronized void delete(UUID id, Principal actor) {
        existing(database.dsl(), id);
        stop(id);
        database.dsl().transaction(c -> {
            repository.delete(c.dsl(), id);
            audit.record(c.dsl(), actor, "channel.delete", id.toString(), "");
        });
        failures.remove(id);
    }

    private void start(ChannelInstanceRecord record) {
        UUID id = record.getId();
        Optional<ExtensionRegistry.Entry<ChannelType>> entry = registry.channelType(record.getChannelType());
        if (entry.isEmpty() || running.containsKey(id)) {
            return;
        }
        failures.remove(id);
        String pluginId = entry.get().pluginId();
        try {
            Configuration config = entry.get().extension().configSchema().validate(fromJson(record.getConfig()));
            ChannelMounts.Pending routes = mounts.prepare(id.toString());
            Channel channel = entry.get().extension().create(context(record, config, routes));
            channel.start();
            Registration mounted = mounts.mount(routes, error -> pluginFailures.accept(pluginId, error));
            running.put(id, new Running(pluginId, record.getChannelType(), channel, mounted));
        } catch (RuntimeException | LinkageError e) {
            failures.put(id, e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.error("Channel {} of type '{}' failed to start", id, record.getChannelType(), e);
        }
    }

    private void stop(UUID id) {
        Running channel = running.remove(id);
        if (channel == null) {
            return;
        }
        channel.routes().remove();
        try {
            channel.channel().stop();
        } catch (RuntimeException e) {
            LOG.warn("Channel {} failed to stop cleanly", id, e);
        }
    }

    private static ChannelContext context(ChannelInstanceRecord record, Configuration config, PublicRoutes routes) {
        String id = record.getId().toString();
        String name = record.getName();
        return new ChannelContext() {
            @Override
            public String channelId() {
                return id;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Configuration config() {
                return config;
            }

            @Override
            public PublicRoutes routes() {
                return routes;
            }
        };
    }

    private ChannelType availableType(String type, String field) {
        return registry.channelType(type).map(ExtensionRegistry.Entry::extension).orElseThrow(() -> {
            List<String> available = registry.channelTypes().stream().map(e -> e.extension().id()).sorted().toList();
            return ProblemException.badField(field, "unknown channel type '" + type + "'; available: "
                    + (available.isEmpty() ? "none (install a channel plugin)" : String.join(", ", available)));
        });
    }

    private static Configuration validate(ConfigSchema schema, Map<String, Object> config) {
        try {
            return schema.validate(config);
        } catch (ConfigValidationException e) {
            List<Problem.FieldError> errors = e.errors().stream()
                    .map(error -> new Problem.FieldError("config." + error.field(), error.message())).toList();
            throw ProblemException.badRequest("the configuration is invalid: " + e.getMessage(), errors);
        }
    }

    private ChannelInstanceRecord existing(DSLContext dsl, UUID id) {
        return repository.find(dsl, id).orElseThrow(() -> ProblemException.notFound("no channel " + id));
    }

    private ChannelView view(ChannelInstanceRecord record) {
        UUID id = record.getId();
        Optional<ExtensionRegistry.Entry<ChannelType>> type = registry.channelType(record.getChannelType());
        Map<String, Object> stored = fromJson(record.getConfig());
        Map<String, Object> visible = new LinkedHashMap<>();
        List<String> secretsSet = new ArrayList<>();
        Optional<ConfigSchema> schema = type.map(t -> t.extension().configSchema());
        stored.forEach((key, value) -> {
            boolean secret = schema.flatMap(s -> s.property(key)).map(ConfigProperty::secret).orElse(true);
            if (secret) {
                secretsSet.add(key);
            } else {
                visible.put(key, value);
            }
        });
        Running run = running.get(id);
        String status;
        Optional<String> error = Optional.ofNullable(failures.get(id));
        ChannelHealth health = ChannelHealth.healthy();
        if (run != null) {
            status = "running";
            health = safeHealth(run.channel());
        } else if (error.isPresent()) {
            status = "failed";
        } else if (type.isEmpty()) {
            status = "unavailable";
            error = Optional.of("no running plugin provides channel type '" + record.getChannelType() + "'");
        } else {
            status = "stopped";
        }
        return new ChannelView(id.toString(), record.getChannelType(), record.getName(), record.getEnabled(), status,
                error, health, visible, secretsSet, "/c/" + id + "/", record.getCreatedAt(), record.getUpdatedAt());
    }

    private static ChannelHealth safeHealth(Channel channel) {
        try {
            return channel.health();
        } catch (RuntimeException e) {
            return ChannelHealth.unhealthy("health check failed: " + e.getMessage());
        }
    }

    private String toJson(Configuration config) {
        try {
            return Json.MAPPER.writeValueAsString(config.asMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated configuration is always writable", e);
        }
    }

    private static Map<String, Object> fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored channel configuration is not JSON", e);
        }
    }
}
