package org.opencem.bench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts one server process and measures it: wall time from spawn to the first {@code 200} with
 * {@code "status":"UP"} from {@code http://127.0.0.1:PORT/health/ready}, its resident memory after
 * an idle period, and the time it takes to stop on SIGTERM.
 *
 * <p>Polling is done here, in an already running JVM, with a plain socket every {@value #POLL_MS}
 * ms, rather than by starting {@code curl} 50 to 100 times a second: each curl is a fork and exec
 * that competes for the same two cores the measured JVM is starting on.
 *
 * <p>Usage: {@code StartupProbe [--env K=V]... [--log FILE] [--dir DIR] [--idle-seconds N]
 * [--timeout-seconds N] [--quiet-wait-seconds N] [--quiet-percent P] [--post PATH JSON] --
 * COMMAND ARGS...}. A free
 * port on 127.0.0.1 is substituted for {@code {port}} in the command, its arguments and the
 * environment values. With {@code --quiet-wait-seconds}, the probe first waits (up to that long)
 * for a second in which the machine is less than P% busy (default 10). The process measured must be
 * the JVM itself: a launcher script has to {@code exec} it, which is checked.
 *
 * <p>The result is one line on standard output of {@code key=value} pairs (or {@code error=...}
 * and exit status 1):
 *
 * <ul>
 *   <li>{@code ready_ms}: spawn to ready; {@code listen_ms}: spawn to the first accepted connection;
 *   <li>{@code server_ms}: the server's own "ready on ... in N ms" log line, when it has one;
 *   <li>{@code cpu_ms}: CPU time of the process (all threads: JIT, GC) from spawn to ready, which
 *       other load on the machine inflates far less than wall time;
 *   <li>{@code others_pct}: the share of the machine other processes used during the start, and
 *       {@code busy_before_pct}: how busy it was just before (both tell a run that was disturbed);
 *   <li>{@code rss_kb}, {@code hwm_kb}, {@code anon_kb}, {@code file_kb}: VmRSS, VmHWM, RssAnon and
 *       RssFile after the idle period (a mapped class data sharing archive counts as file pages);
 *   <li>{@code post_status}, {@code post_rss_kb}: with {@code --post PATH JSON}, the status of that
 *       request, sent after the idle reading, and VmRSS after a second idle period;
 *   <li>{@code threads}, {@code stop_ms} (SIGTERM to exit), {@code exit}, {@code pid}, {@code port}.
 * </ul>
 */
public final class StartupProbe {

  static final int POLL_MS = 10;
  private static final Pattern SERVER_READY = Pattern.compile("ready on \\S+ in (\\d+) ms");

  private StartupProbe() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    File log = null;
    File dir = null;
    int idleSeconds = 10;
    int timeoutSeconds = 120;
    int quietWaitSeconds = 0;
    int quietPercent = 10;
    String postPath = null;
    String postBody = null;
    List<String> command = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--env" -> {
          String kv = args[++i];
          int eq = kv.indexOf('=');
          env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        case "--log" -> log = new File(args[++i]);
        case "--dir" -> dir = new File(args[++i]);
        case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[++i]);
        case "--timeout-seconds" -> timeoutSeconds = Integer.parseInt(args[++i]);
        case "--quiet-wait-seconds" -> quietWaitSeconds = Integer.parseInt(args[++i]);
        case "--quiet-percent" -> quietPercent = Integer.parseInt(args[++i]);
        case "--post" -> {
          postPath = args[++i];
          postBody = args[++i];
        }
        case "--" -> {
          for (i++; i < args.length; i++) {
            command.add(args[i]);
          }
        }
        default -> fail("unknown argument " + arg);
      }
    }
    if (command.isEmpty()) {
      fail("no command given (after --)");
    }

    int port = freePort();
    String portText = Integer.toString(port);
    command.replaceAll(s -> s.replace("{port}", portText));
    ProcessBuilder builder = new ProcessBuilder(command);
    env.forEach((k, v) -> builder.environment().put(k, v.replace("{port}", portText)));
    if (dir != null) {
      builder.directory(dir);
    }
    builder.redirectErrorStream(true);
    builder.redirectOutput(log != null ? ProcessBuilder.Redirect.to(log) : ProcessBuilder.Redirect.DISCARD);

    // Run the polling code once before the clock starts, so that its class loading and first
    // interpretation are not counted against the server (nothing listens on the port yet).
    poll(port);
    long busyBefore = waitForQuiet(quietWaitSeconds, quietPercent);

    long[] machineBefore = machineJiffies();
    long spawned = System.nanoTime();
    Process process = builder.start();
    // An interrupted benchmark (Ctrl-C) must not leave the server running.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    long listenNanos = -1;
    long readyNanos = -1;
    long deadline = spawned + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      Poll result = poll(port);
      long now = System.nanoTime();
      if (result != Poll.REFUSED && listenNanos < 0) {
        listenNanos = now - spawned;
      }
      if (result == Poll.READY) {
        readyNanos = now - spawned;
        break;
      }
      if (!process.isAlive()) {
        fail("the process exited with status " + process.exitValue() + " before it was ready" + logHint(log));
      }
      Thread.sleep(POLL_MS);
    }
    if (readyNanos < 0) {
      process.destroyForcibly();
      fail("not ready within " + timeoutSeconds + " s" + logHint(log));
    }

    long[] machineAfter = machineJiffies();
    long pid = process.pid();
    long processJiffies = processJiffies(pid);
    // CPU the rest of the machine used while the server started: when it is high, another job
    // competed for the cores and the wall times of this run are not comparable.
    long othersJiffies = (machineAfter[0] - machineBefore[0]) - processJiffies;
    long windowJiffies = machineAfter[1] - machineBefore[1];
    String exe = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString();
    if (!exe.endsWith("/java")) {
      process.destroy();
      fail("process " + pid + " is " + exe + ", not java: does the launcher exec the JVM?");
    }

    Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
    if (!process.isAlive()) {
      fail("the process exited during the idle period" + logHint(log));
    }
    Map<String, String> status = procStatus(pid);
    String postStatus = "-";
    Map<String, String> afterPost = Map.of();
    if (postPath != null) {
      // One real request (such as a login) and another idle period: memory once the server has
      // done some work, not only started.
      postStatus = post(port, postPath, postBody);
      Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
      afterPost = procStatus(pid);
    }

    long stopping = System.nanoTime();
    process.destroy(); // SIGTERM on Linux
    boolean stopped = process.waitFor(120, TimeUnit.SECONDS);
    long stopNanos = System.nanoTime() - stopping;
    if (!stopped) {
      process.destroyForcibly().waitFor();
    }

    StringBuilder out = new StringBuilder();
    out.append("ready_ms=").append(millis(readyNanos));
    out.append(" listen_ms=").append(millis(listenNanos));
    out.append(" server_ms=").append(serverReadyMillis(log));
    out.append(" cpu_ms=").append(processJiffies * 1000 / CLOCK_TICKS);
    out.append(" others_pct=").append(windowJiffies > 0 ? Math.max(0, othersJiffies * 100 / windowJiffies) : 0);
    out.append(" busy_before_pct=").append(busyBefore);
    out.append(" rss_kb=").append(kb(status.get("VmRSS")));
    out.append(" hwm_kb=").append(kb(status.get("VmHWM")));
    out.append(" anon_kb=").append(kb(status.get("RssAnon")));
    out.append(" file_kb=").append(kb(status.get("RssFile")));
    out.append(" post_status=").append(postStatus);
    out.append(" post_rss_kb=").append(kb(afterPost.get("VmRSS")));
    out.append(" threads=").append(status.getOrDefault("Threads", "-").trim());
    out.append(" stop_ms=").append(stopped ? millis(stopNanos) : "timeout");
    out.append(" exit=").append(stopped ? process.exitValue() : "killed");
    out.append(" pid=").append(pid);
    out.append(" port=").append(port);
    System.out.println(out);
  }

  enum Poll {
    REFUSED,
    NOT_READY,
    READY
  }

  /** One GET /health/ready over HTTP/1.0 (no keep-alive, no chunking: read to end of stream). */
  static Poll poll(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int n; (n = in.read(buffer)) > 0; ) {
        response.write(buffer, 0, n);
      }
      String text = response.toString(StandardCharsets.UTF_8);
      boolean ok = text.startsWith("HTTP/1.") && text.substring(0, Math.min(text.length(), 16)).contains(" 200");
      return ok && text.replace(" ", "").contains("\"status\":\"UP\"") ? Poll.READY : Poll.NOT_READY;
    } catch (ConnectException e) {
      return Poll.REFUSED;
    } catch (SocketTimeoutException e) {
      return Poll.NOT_READY;
    } catch (IOException e) {
      // reset while the server is still coming up
      return Poll.NOT_READY;
    }
  }

  /** USER_HZ of /proc/stat and /proc/PID/stat: 100 on every Linux architecture Java runs on. */
  private static final long CLOCK_TICKS = 100;

  /**
   * Waits, up to {@code maxSeconds}, for a second in which the machine is less than {@code percent}
   * busy.
   *
   * @return the busy percentage of the last second sampled
   */
  private static long waitForQuiet(int maxSeconds, int percent) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    boolean told = false;
    while (true) {
      long[] before = machineJiffies();
      Thread.sleep(1000);
      long[] after = machineJiffies();
      long total = after[1] - before[1];
      long busy = total > 0 ? (after[0] - before[0]) * 100 / total : 0;
      if (busy < percent || System.nanoTime() > deadline) {
        if (busy >= percent) {
          System.err.printf("StartupProbe: machine still %d%% busy after %d s, measuring anyway%n", busy, maxSeconds);
        }
        return busy;
      }
      if (!told) {
        System.err.printf("StartupProbe: machine %d%% busy, waiting up to %d s for it to calm down%n", busy, maxSeconds);
        told = true;
      }
    }
  }

  /** @return busy and total jiffies of all CPUs, from the first line of /proc/stat */
  private static long[] machineJiffies() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < f.length && i <= 8; i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
    return new long[] {total - idle, total};
  }

  /** @return user + system jiffies of a process, all its threads */
  private static long processJiffies(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
  }

  /** @return the status code of one POST with a JSON body, or an error word */
  static String post(int port, String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                  + "Content-Length: " + body.length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return head.length() >= 12 ? head.substring(9, 12) : "short";
    } catch (IOException e) {
      return "io-error";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static Map<String, String> procStatus(long pid) throws IOException {
    Map<String, String> status = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        status.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return status;
  }

  private static String kb(String value) {
    return value == null ? "-" : value.replace("kB", "").trim();
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
  }

  private static String serverReadyMillis(File log) throws IOException {
    if (log == null || !log.isFile()) {
      return "-";
    }
    Matcher m = SERVER_READY.matcher(Files.readString(log.toPath(), StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : "-";
  }

  private static String logHint(File log) {
    return log == null ? "" : " (see " + log + ")";
  }

  private static void fail(String message) {
    System.out.println("error=" + message.replace(' ', '_'));
    System.err.println("StartupProbe: " + message);
    System.exit(1);
  }
}
