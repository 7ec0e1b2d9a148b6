package org.opencem.core.plugin;

import com.google.inject.Injector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.opencem.api.channel.ChannelType;
import org.opencem.api.metric.MetricType;
import org.opencem.api.plugin.PluginInfo;
import org.opencem.api.survey.QuestionType;
import org.opencem.core.audit.AuditLog;
import org.opencem.core.auth.Principal;
import org.opencem.core.channel.ChannelService;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.Database;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the plugins: loads them from the plugins directory, restores their enabled state from the store,
 * starts them, and installs, enables, disables and uninstalls them at run time. A started plugin is
 * <em>activated</em>: it gets a child injector, its extensions are created and registered, and the
 * channels of its channel types start; every registration is undone in reverse when it stops.
 *
 * <p>A plugin that fails to load, start or activate, or throws while serving, is marked FAILED with its
 * error and the rest of the server goes on. PF4J is not thread-safe, so every operation runs on one
 * thread, in order.
 */
@Singleton
public final class PluginRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

    private final OpenCemPluginManager manager;
    private final ExecutorService serial = Executors.newSingleThreadExecutor(r -> new Thread(r, "opencem-plugins"));
    private final Map<String, Deque<Registration>> active = new ConcurrentHashMap<>();
    private final Map<String, List<PluginView.ExtensionView>> provided = new ConcurrentHashMap<>();
    /** Files in the plugins directory that did not load, by file name, with the reason. */
    private final Map<String, String> unloadable = new ConcurrentHashMap<>();
    private final Path pluginsDir;
    private final Path dataDir;
    private final Injector rootInjector;
    private final Database database;
    private final Blocking blocking;
    private final PluginStateRepository states;
    private final ExtensionRegistry registry;
    private final ChannelService channels;
    private final AuditLog audit;
    private final Vertx vertx;
    private final MetricListener metrics;
    private final PluginArchive archive = new PluginArchive();
    /** Set while the server stops: metrics leaving then missed no answer. */
    private volatile boolean stopping;

    @Inject
    PluginRuntime(ServerConfig config, Injector rootInjector, Database database, Blocking blocking,
                  PluginStateRepository states, ExtensionRegistry registry, ChannelService channels, AuditLog audit,
                  Vertx vertx, MetricListener metrics) {
        this.pluginsDir = config.plugins().dir().toAbsolutePath().normalize();
        this.dataDir = config.dataDir().toAbsolutePath().normalize();
        this.rootInjector = rootInjector;
        this.database = database;
        this.blocking = blocking;
        this.states = states;
        this.registry = registry;
        this.channels = channels;
        this.audit = audit;
        this.vertx = vertx;
        this.metrics = metrics;
        try {
            Files.createDirectories(pluginsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugins directory " + pluginsDir, e);
        }
        this.manager = new OpenCemPluginManager(pluginsDir);
        channels.reportFailuresTo(this::fail);
    }

    /** Loads and starts every plugin in the plugins directory that is not disabled in the store. Blocking. */
    public void start() {
        await(() -> {
            manager.disabledPlugins().reset(states.disabled(database.dsl()));
            manager.loadPlugins();
            recordUnloadable();
            for (PluginWrapper plugin : manager.getPlugins()) {
                startAndActivate(plugin);
            }
            metrics.started();
            return null;
        });
    }

    /** Stops every plugin, undoing its registrations. Blocking. */
    public void stop() {
        stopping = true;
        await(() -> {
            List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
            java.util.Collections.reverse(started);
            for (PluginWrapper plugin : started) {
                deactivate(plugin.getPluginId());
                manager.stopPlugin(plugin.getPluginId());
            }
            return null;
        });
        serial.shutdown();
    }

    /** @return every plugin, and every file of the plugins directory that failed to load, sorted by id */
    public Future<List<PluginView>> list() {
        return submit(this::views);
    }

    /** @return the same as {@link #list()}, blocking, for the startup summary */
    public List<PluginView> snapshot() {
        return await(this::views);
    }

    private List<PluginView> views() {
        List<PluginView> views = new ArrayList<>(manager.getPlugins().stream().map(this::view).toList());
        unloadable.forEach((file, reason) -> views.add(new PluginView(file, "", "", "", "", "FAILED",
                Optional.of(reason), List.of())));
        views.sort(Comparator.comparing(PluginView::id));
        return views;
    }

    /**
     * Names each zip or jar of the plugins directory that PF4J did not load, with the reason the
     * archive check gives, so a broken file shows as FAILED instead of vanishing.
     */
    private void recordUnloadable() throws IOException {
        unloadable.clear();
        java.util.Set<Path> loaded = new java.util.HashSet<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            Path path = plugin.getPluginPath().toAbsolutePath().normalize();
            loaded.add(path);
            loaded.add(path.resolveSibling(path.getFileName() + ".zip"));
        }
        try (Stream<Path> files = Files.list(pluginsDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if ((name.endsWith(".zip") || name.endsWith(".jar")) && !loaded.contains(file.toAbsolutePath().normalize())) {
                    unloadable.put(name, reasonNotLoaded(file));
                    LOG.warn("Plugin file '{}' was not loaded: {}", name, unloadable.get(name));
                }
            }
        }
    }

    private String reasonNotLoaded(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".jar")) {
            return "the jar is not a loadable plugin (no manifest with Plugin-Id, or a duplicate id)";
        }
        Path staging = Files.createTempDirectory(Files.createDirectories(dataDir.resolve("tmp")), "plugin-");
        try {
            archive.inspect(file, staging);
            return "the plugin could not be loaded (a duplicate id, or an unreadable class path); see the server log";
        } catch (ProblemException e) {
            return e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * Installs an uploaded plugin zip and starts it.
     *
     * @param upload the uploaded file; left in place
     * @param actor who installs it
     * @return the installed plugin
     */
    public Future<PluginView> install(Path upload, Principal actor) {
        return submit(() -> {
            Path staging = Files.createTempDirectory(Files.createDirectories(dataDir.resolve("tmp")), "plugin-");
            PluginDescriptor descriptor;
            try {
                descriptor = archive.inspect(upload, staging);
            } finally {
                deleteTree(staging);
            }
            String id = descriptor.getPluginId();
            if (manager.getPlugin(id) != null) {
                throw ProblemException.conflict("plugin '" + id + "' is already installed; uninstall it first");
            }
            Path target = pluginsDir.resolve(id + "-" + descriptor.getVersion().replaceAll("[^A-Za-z0-9._-]", "_") + ".zip");
            Files.copy(upload, target, StandardCopyOption.REPLACE_EXISTING);
            try {
                manager.loadPlugin(target);
            } catch (RuntimeException e) {
                Files.deleteIfExists(target);
                deleteTree(pluginsDir.resolve(target.getFileName().toString().replaceFirst("\\.zip$", "")));
                throw ProblemException.badField("file", "the plugin cannot be loaded: " + describe(e));
            }
            database.dsl().transaction(c -> {
                states.setEnabled(c.dsl(), id, true);
                audit.record(c.dsl(), actor, "plugin.install", id, "version=" + descriptor.getVersion());
            });
            manager.disabledPlugins().enablePlugin(id);
            PluginWrapper plugin = manager.getPlugin(id);
            startAndActivate(plugin);
            return view(plugin);
        });
    }

    /** @param id plugin id @param actor who enables it @return the plugin, started or FAILED */
    public Future<PluginView> enable(String id, Principal actor) {
        return submit(() -> {
            PluginWrapper plugin = existing(id);
            Optional<String> incompatible = manager.incompatibility(id);
            if (incompatible.isPresent()) {
                throw ProblemException.conflict("plugin '" + id + "' cannot be enabled: " + incompatible.get());
            }
            database.dsl().transaction(c -> {
                states.setEnabled(c.dsl(), id, true);
                audit.record(c.dsl(), actor, "plugin.enable", id, "");
            });
            manager.enablePlugin(id);
            if (plugin.getPluginState() == PluginState.FAILED) {
                plugin.setPluginState(PluginState.STOPPED);
            }
            startAndActivate(plugin);
            return view(plugin);
        });
    }

    /** @param id plugin id @param actor who disables it @return the plugin, DISABLED */
    public Future<PluginView> disable(String id, Principal actor) {
        return submit(() -> {
            PluginWrapper plugin = existing(id);
            database.dsl().transaction(c -> {
                states.setEnabled(c.dsl(), id, false);
                audit.record(c.dsl(), actor, "plugin.disable", id, "");
            });
            deactivate(id);
            if (plugin.getPluginState() == PluginState.FAILED) {
                plugin.setPluginState(PluginState.STOPPED);
            }
            manager.disablePlugin(id);
            plugin.setFailedException(null);
            return view(plugin);
        });
    }

    /** @param id plugin id @param actor who uninstalls it @return completion once its files are gone */
    public Future<Void> uninstall(String id, Principal actor) {
        return submit(() -> {
            if (unloadable.remove(id) != null) {
                Path file = pluginsDir.resolve(id).normalize();
                Files.deleteIfExists(file);
                deleteTree(pluginsDir.resolve(id.replaceFirst("\\.zip$", "")).normalize());
                database.dsl().transaction(c -> audit.record(c.dsl(), actor, "plugin.uninstall", id, "unloadable file"));
                return null;
            }
            PluginWrapper plugin = existing(id);
            deactivate(id);
            if (plugin.getPluginState() == PluginState.FAILED) {
                plugin.setPluginState(PluginState.STOPPED);
            }
            if (!manager.deletePlugin(id)) {
                throw new PluginRuntimeException("plugin '" + id + "' could not be removed: "
                        + describe(plugin.getFailedException()));
            }
            database.dsl().transaction(c -> {
                states.forget(c.dsl(), id);
                audit.record(c.dsl(), actor, "plugin.uninstall", id, "");
            });
            return null;
        });
    }

    /**
     * Marks a plugin FAILED because it threw while serving, and stops it.
     *
     * @param pluginId the plugin
     * @param error what it threw
     */
    public void fail(String pluginId, Throwable error) {
        submit(() -> {
            PluginWrapper plugin = manager.getPlugin(pluginId);
            if (plugin != null && plugin.getPluginState() == PluginState.STARTED) {
                LOG.error("Plugin '{}' failed while serving; stopping it", pluginId, error);
                deactivate(pluginId);
                manager.stopPlugin(pluginId);
                markFailed(plugin, error);
            }
            return null;
        });
    }

    private void startAndActivate(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        Optional<String> incompatible = manager.incompatibility(id);
        if (incompatible.isPresent()) {
            markFailed(plugin, new PluginRuntimeException(incompatible.get()));
            return;
        }
        if (plugin.getPluginState() == PluginState.DISABLED || active.containsKey(id)) {
            return;
        }
        PluginState state = manager.startPlugin(id);
        if (state == PluginState.STARTED) {
            activate(plugin);
        } else if (state != PluginState.FAILED) {
            markFailed(plugin, new PluginRuntimeException("the plugin did not start (state " + state + ")"));
        }
    }

    private void activate(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        Deque<Registration> registrations = new ArrayDeque<>();
        List<PluginView.ExtensionView> extensions = new ArrayList<>();
        try {
            StorePluginDatabase pluginDatabase = new StorePluginDatabase(id, database, blocking);
            pluginDatabase.migrate(plugin.getPluginClassLoader());
            PluginInfo info = new PluginInfo(id, plugin.getDescriptor().getVersion(), dataDir.resolve("plugins").resolve(id));
            Injector injector = rootInjector.createChildInjector(
                    new PluginModule(info, pluginDatabase, manager.getExtensionClasses(id)));
            manager.guiceFactory().register(id, injector);
            registrations.push(() -> manager.guiceFactory().unregister(id));
            List<String> channelTypes = new ArrayList<>();
            for (ChannelType type : manager.getExtensions(ChannelType.class, id)) {
                registrations.push(registry.addChannelType(id, type));
                extensions.add(extension(type, type.id()));
                channelTypes.add(type.id());
            }
            List<MetricType> metricTypes = manager.getExtensions(MetricType.class, id);
            for (MetricType type : metricTypes) {
                registrations.push(registry.addMetricType(id, type));
                // Undone before the registry entry: the metric is known to miss answers before it misses one.
                registrations.push(() -> {
                    if (!stopping) {
                        metrics.deregistered(type);
                    }
                });
                extensions.add(extension(type, type.id()));
            }
            for (QuestionType type : manager.getExtensions(QuestionType.class, id)) {
                registrations.push(registry.addQuestionType(id, type));
                extensions.add(extension(type, type.id()));
            }
            registrations.push(channels.startChannels(id, channelTypes));
            active.put(id, registrations);
            provided.put(id, List.copyOf(extensions));
            metricTypes.forEach(metrics::registered);
        } catch (RuntimeException | LinkageError e) {
            undo(registrations);
            manager.stopPlugin(id);
            markFailed(plugin, e);
        }
    }

    private void deactivate(String id) {
        provided.remove(id);
        Deque<Registration> registrations = active.remove(id);
        if (registrations != null) {
            undo(registrations);
        }
    }

    private static void undo(Deque<Registration> registrations) {
        while (!registrations.isEmpty()) {
            try {
                registrations.pop().remove();
            } catch (RuntimeException e) {
                LOG.warn("Undoing a plugin registration failed", e);
            }
        }
    }

    private static void markFailed(PluginWrapper plugin, Throwable error) {
        plugin.setPluginState(PluginState.FAILED);
        plugin.setFailedException(error);
        LOG.error("Plugin '{}' FAILED: {}", plugin.getPluginId(), describe(error));
    }

    private PluginWrapper existing(String id) {
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin == null) {
            throw ProblemException.notFound("no plugin '" + id + "' is installed");
        }
        return plugin;
    }

    private PluginView view(PluginWrapper plugin) {
        PluginDescriptor d = plugin.getDescriptor();
        String state = switch (plugin.getPluginState()) {
            case STARTED -> "STARTED";
            case DISABLED -> "DISABLED";
            case FAILED -> "FAILED";
            default -> "STOPPED";
        };
        Optional<String> error = plugin.getPluginState() == PluginState.FAILED
                ? Optional.of(describe(plugin.getFailedException()))
                : Optional.empty();
        List<PluginView.ExtensionView> extensions = provided.getOrDefault(plugin.getPluginId(),
                manager.getExtensionClassNames(plugin.getPluginId()).stream().sorted()
                        .map(name -> new PluginView.ExtensionView(kindOf(plugin, name), Optional.empty(), name)).toList());
        return new PluginView(d.getPluginId(), d.getVersion(), nonNull(d.getPluginDescription()), nonNull(d.getProvider()),
                nonNull(d.getRequires()), state, error, extensions);
    }

    private static PluginView.ExtensionView extension(Object instance, String id) {
        return new PluginView.ExtensionView(kindOf(instance.getClass()), Optional.of(id), instance.getClass().getName());
    }

    private static String kindOf(PluginWrapper plugin, String className) {
        try {
            return kindOf(Class.forName(className, false, plugin.getPluginClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return "other";
        }
    }

    private static String kindOf(Class<?> type) {
        if (ChannelType.class.isAssignableFrom(type)) {
            return "channel";
        }
        if (MetricType.class.isAssignableFrom(type)) {
            return "metric";
        }
        return QuestionType.class.isAssignableFrom(type) ? "question" : "other";
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** The first line of the innermost message worth showing, without stack traces. */
    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause.getMessage() == null || cause instanceof com.google.inject.ProvisionException
                || cause instanceof java.lang.reflect.InvocationTargetException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage().strip();
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private <T> Future<T> submit(Work<T> work) {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(unchecked(work), serial);
        return Future.fromCompletionStage(result, vertx.getOrCreateContext());
    }

    private <T> T await(Work<T> work) {
        try {
            return CompletableFuture.supplyAsync(unchecked(work), serial).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the plugin runtime", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static <T> Supplier<T> unchecked(Work<T> work) {
        return () -> {
            try {
                return work.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
