package org.opencem.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recording's CPU time went, from its execution samples: the methods on top of the stack (self time), and
 * the methods of a package prefix anywhere on the stack (inclusive time), each with its share of the samples.
 *
 * <p>Usage: {@code JfrHotspots FILE.jfr [PREFIX (default org.opencem.)] [TOP (default 25)]}.
 */
public final class JfrHotspots {

    private JfrHotspots() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String prefix = args.length > 1 ? args[1] : "org.opencem.";
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (name.startsWith(prefix) && seen.add(name)) {
                    inclusive.merge(name, 1, Integer::sum);
                }
            }
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
        }
        System.out.printf("%s: %d execution samples%n", file.getFileName(), samples);
        print("threads", threads, samples, top);
        print("self (top of stack)", self, samples, top);
        print("inclusive, " + prefix + "*", inclusive, samples, top);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("  " + title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
