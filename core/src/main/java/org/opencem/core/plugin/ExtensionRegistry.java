package org.opencem.core.plugin;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencem.api.channel.ChannelType;
import org.opencem.api.metric.MetricType;
import org.opencem.api.survey.QuestionType;

/**
 * The extensions of the started plugins, by kind and id. Two plugins may not declare the same id of one
 * kind: the second registration throws, which fails that plugin's start.
 */
@Singleton
public final class ExtensionRegistry {

    /**
     * One registered extension.
     *
     * @param pluginId the owning plugin
     * @param extension the extension instance
     * @param <T> the extension point
     */
    public record Entry<T>(String pluginId, T extension) {
    }

    private final Map<String, Entry<ChannelType>> channelTypes = new ConcurrentHashMap<>();
    private final Map<String, Entry<MetricType>> metricTypes = new ConcurrentHashMap<>();
    private final Map<String, Entry<QuestionType>> questionTypes = new ConcurrentHashMap<>();

    Registration addChannelType(String pluginId, ChannelType type) {
        return add(channelTypes, "channel type", type.id(), pluginId, type);
    }

    Registration addMetricType(String pluginId, MetricType type) {
        return add(metricTypes, "metric", type.id(), pluginId, type);
    }

    Registration addQuestionType(String pluginId, QuestionType type) {
        return add(questionTypes, "question type", type.id(), pluginId, type);
    }

    private static <T> Registration add(Map<String, Entry<T>> map, String kind, String id, String pluginId, T extension) {
        Entry<T> entry = new Entry<>(pluginId, extension);
        Entry<T> existing = map.putIfAbsent(id, entry);
        if (existing != null) {
            throw new IllegalStateException(kind + " '" + id + "' is already provided by plugin '"
                    + existing.pluginId() + "'");
        }
        return () -> map.remove(id, entry);
    }

    /** @param id a channel type id @return the type, while its plugin runs */
    public Optional<Entry<ChannelType>> channelType(String id) {
        return Optional.ofNullable(channelTypes.get(id));
    }

    /** @return every available channel type */
    public Collection<Entry<ChannelType>> channelTypes() {
        return List.copyOf(channelTypes.values());
    }

    /** @param id a metric id @return the metric, while its plugin runs */
    public Optional<Entry<MetricType>> metricType(String id) {
        return Optional.ofNullable(metricTypes.get(id));
    }

    /** @return every available metric */
    public Collection<Entry<MetricType>> metricTypes() {
        return List.copyOf(metricTypes.values());
    }

    /** @return every available question type */
    public Collection<Entry<QuestionType>> questionTypes() {
        return List.copyOf(questionTypes.values());
    }
}
