package org.opencem.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts events from several concurrent HTTP/1.1 clients until stopped: single events and small batches, each
 * event with an id of its own, for a mix of known customers (a fixed pool of emails, some with a loyalty card
 * that may belong to another customer, which merges the two) and new ones. Like a careful client, it first
 * resends events whose answer it never got, with the same body. It remembers every event it sent and which of
 * them the server acknowledged with a 2xx.
 */
final class EventLoader {

    /** Customers shared by every run, so later runs see customers (and merges) of earlier ones. */
    private static final int KNOWN_CUSTOMERS = 200;
    private static final int LOYALTY_CARDS = 40;
    private static final List<String> TYPES = List.of("purchase", "visit", "support.contact", "comment");
    private static final List<String> TOUCHPOINTS = List.of("checkout", "store-lisbon", "store-porto", "support-call");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI single;
    private final URI batch;
    private final String token;
    private final String runId;
    private final int clients;
    private final long seed;
    private final Queue<String> resends;

    private final Map<String, String> sent = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * What a run did.
     *
     * @param sent the body of every event sent, by id
     * @param acknowledged the ids the server acknowledged (201, 200, or a batch item created or duplicate)
     * @param requests requests sent
     * @param lost requests that got no answer: at most one per client, the one in flight when the server died
     * @param refused connections refused (tried again while the loader ran)
     * @param failures the first few connection failures, for messages
     * @param unexpected answers other than a 2xx or a 503, which valid events never deserve
     */
    record Result(Map<String, String> sent, Set<String> acknowledged, int requests, int lost, int refused,
                  List<String> failures, List<String> unexpected) {
    }

    /**
     * @param base the server's address
     * @param token an API token of a writer role
     * @param runId a prefix making this run's event ids and new customers unique
     * @param clients concurrent clients
     * @param seed the seed of the clients' choices
     * @param resends bodies of events sent before and never acknowledged, to send first
     */
    EventLoader(URI base, String token, String runId, int clients, long seed, Collection<String> resends) {
        this.single = base.resolve("/api/v1/events");
        this.batch = base.resolve("/api/v1/events/batch");
        this.token = token;
        this.runId = runId;
        this.clients = clients;
        this.seed = seed;
        this.resends = new ConcurrentLinkedQueue<>(resends);
    }

    void start() {
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> run(client), "event-loader-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops the clients; requests in flight end when the server dies or answers. */
    Result stop() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(20).toMillis());
        }
        return new Result(Map.copyOf(sent), Set.copyOf(acknowledged), requests.get(), lost.get(), refused.get(),
                List.copyOf(failures), List.copyOf(unexpected));
    }

    /** @return what the clients did so far, and why requests got no answer, for a failure message */
    String progress() {
        return requests.get() + " requests, " + acknowledged.size() + " events acknowledged, " + lost.get()
                + " requests without an answer, " + refused.get() + " connections refused " + failures
                + ", unexpected answers " + unexpected;
    }

    /** @return events acknowledged so far */
    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Posts until stopped or until the server stops answering (it was killed): then this client is done. */
    private void run(int client) {
        Random random = new Random(seed * 31 + client);
        int sequence = 0;
        boolean answered = true;
        while (!stopped && answered) {
            String resend = resends.poll();
            if (resend != null) {
                answered = postSingle(resend);
            } else if (random.nextInt(3) == 0) {
                List<String> events = new ArrayList<>();
                int size = 2 + random.nextInt(9);
                for (int i = 0; i < size; i++) {
                    events.add(event(client, sequence++, random));
                }
                answered = postBatch(events);
            } else {
                answered = postSingle(event(client, sequence++, random));
            }
        }
    }

    private String event(int client, int sequence, Random random) {
        String id = runId + "-" + client + "-" + sequence;
        ObjectNode event = json.createObjectNode()
                .put("id", id)
                .put("type", TYPES.get(random.nextInt(TYPES.size())))
                .put("channel", random.nextBoolean() ? "web" : "store")
                .put("touchpoint", TOUCHPOINTS.get(random.nextInt(TOUCHPOINTS.size())))
                .put("occurredAt", Instant.now().minusSeconds(random.nextInt(86_400)).toString());
        ObjectNode identities = event.putObject("customer").putObject("identities");
        if (random.nextInt(10) < 7) {
            identities.put("email", "known-" + random.nextInt(KNOWN_CUSTOMERS) + "@crash.example");
            if (random.nextInt(10) == 0) {
                identities.put("loyalty", "L" + random.nextInt(LOYALTY_CARDS));
            }
        } else {
            identities.put("email", id + "@crash.example");
        }
        if (random.nextBoolean()) {
            event.putObject("value").put("amount", random.nextInt(100_000) / 100.0).put("currency", "EUR");
        }
        event.putObject("properties").put("client", client).put("sequence", sequence);
        String body = event.toString();
        sent.put(id, body);
        return body;
    }

    /** @return false when no answer came */
    private boolean postSingle(String event) {
        String id = idOf(event);
        HttpResponse<String> response = post(single, event);
        if (response == null) {
            return false;
        }
        if (response.statusCode() == 201 || response.statusCode() == 200) {
            acknowledged.add(id);
        } else if (response.statusCode() != 503) {
            unexpected.add("POST /events " + id + ": " + response.statusCode() + " " + response.body());
        }
        return true;
    }

    /** @return false when no answer came */
    private boolean postBatch(List<String> events) {
        ArrayNode items = json.createArrayNode();
        for (String event : events) {
            items.add(parse(event));
        }
        HttpResponse<String> response = post(batch, json.createObjectNode().set("events", items).toString());
        if (response == null) {
            return false;
        }
        if (response.statusCode() != 200) {
            if (response.statusCode() != 503) {
                unexpected.add("POST /events/batch: " + response.statusCode() + " " + response.body());
            }
            return true;
        }
        for (JsonNode result : parse(response.body()).path("results")) {
            String status = result.path("status").asText();
            if (status.equals("created") || status.equals("duplicate")) {
                acknowledged.add(result.path("id").asText());
            } else {
                unexpected.add("POST /events/batch item: " + result);
            }
        }
        return true;
    }

    /**
     * Sends a request; a refused connection (the request never reached the server) is tried again shortly,
     * until the loader stops.
     *
     * @return the answer, or null when the connection broke (the server was killed) or the loader stopped
     */
    private HttpResponse<String> post(URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        requests.incrementAndGet();
        try {
            while (true) {
                try {
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (ConnectException e) {
                    refused.incrementAndGet();
                    note(e);
                    if (stopped) {
                        return null;
                    }
                    TimeUnit.MILLISECONDS.sleep(50); // back off before connecting again
                }
            }
        } catch (IOException e) {
            lost.incrementAndGet();
            note(e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return null;
        }
    }

    private void note(IOException failure) {
        if (failures.size() < 10) {
            failures.add(failure + (failure.getCause() == null ? "" : " caused by " + failure.getCause()));
        }
    }

    private String idOf(String event) {
        return parse(event).path("id").asText();
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }
}
