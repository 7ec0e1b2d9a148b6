package org.opencem.core.plugin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencem.api.channel.ChannelType;
import org.opencem.api.config.ConfigProperty;
import org.opencem.api.config.ConfigSchema;
import org.opencem.api.metric.MetricType;
import org.opencem.api.survey.QuestionType;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Role;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.ProblemException;
import org.opencem.core.http.Responses;

/** {@code GET /api/v1/extensions?type=channel|metric|question}: what the running plugins provide. */
@Singleton
public final class ExtensionRoutes implements ApiRoutes {

    private final ExtensionRegistry registry;

    @Inject
    ExtensionRoutes(ExtensionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void mount(Router api) {
        api.get("/extensions").handler(Authenticator.allow(Role.ADMIN, Role.INTEGRATOR, Role.ANALYST)).handler(this::list);
    }

    private void list(RoutingContext ctx) {
        String type = ctx.queryParams().get("type");
        if (type != null && !List.of("channel", "metric", "question").contains(type)) {
            throw ProblemException.badField("type", "must be channel, metric or question");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        if (type == null || type.equals("channel")) {
            registry.channelTypes().forEach(e -> result.add(channel(e)));
        }
        if (type == null || type.equals("metric")) {
            registry.metricTypes().forEach(e -> result.add(metric(e)));
        }
        if (type == null || type.equals("question")) {
            registry.questionTypes().forEach(e -> result.add(question(e)));
        }
        result.sort(Comparator.comparing((Map<String, Object> m) -> (String) m.get("type"))
                .thenComparing(m -> (String) m.get("id")));
        Responses.ok(ctx, result);
    }

    private static Map<String, Object> base(String kind, String id, String pluginId) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", kind);
        view.put("id", id);
        view.put("plugin", pluginId);
        return view;
    }

    private static Map<String, Object> channel(ExtensionRegistry.Entry<ChannelType> entry) {
        ChannelType type = entry.extension();
        Map<String, Object> view = base("channel", type.id(), entry.pluginId());
        view.put("displayName", type.displayName());
        view.put("description", type.description());
        view.put("configSchema", schema(type.configSchema()));
        return view;
    }

    private static Map<String, Object> metric(ExtensionRegistry.Entry<MetricType> entry) {
        MetricType type = entry.extension();
        Map<String, Object> view = base("metric", type.id(), entry.pluginId());
        view.put("displayName", type.displayName());
        view.put("questionTypes", type.questionTypes().stream().sorted().toList());
        view.put("interactionTypes", type.interactionTypes().stream().sorted().toList());
        view.put("counters", type.counterNames());
        return view;
    }

    private static Map<String, Object> question(ExtensionRegistry.Entry<QuestionType> entry) {
        QuestionType type = entry.extension();
        Map<String, Object> view = base("question", type.id(), entry.pluginId());
        type.scale().ifPresent(scale -> view.put("scale", Map.of("min", scale.min(), "max", scale.max())));
        view.put("defaultText", type.defaultText());
        return view;
    }

    /** @param schema a config schema @return its JSON form, as the console renders it */
    static List<Map<String, Object>> schema(ConfigSchema schema) {
        List<Map<String, Object>> properties = new ArrayList<>();
        for (ConfigProperty p : schema.properties()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", p.name());
            view.put("type", p.type().name().toLowerCase(Locale.ROOT));
            view.put("label", p.label());
            view.put("help", p.helpText());
            view.put("required", p.required());
            p.defaultValue().ifPresent(v -> view.put("default", v));
            if (!p.options().isEmpty()) {
                view.put("options", p.options());
            }
            p.min().ifPresent(v -> view.put("min", v));
            p.max().ifPresent(v -> view.put("max", v));
            p.pattern().ifPresent(v -> view.put("pattern", v.pattern()));
            properties.add(view);
        }
        return properties;
    }
}
