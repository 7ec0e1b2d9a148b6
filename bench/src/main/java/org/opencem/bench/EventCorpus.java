package org.opencem.bench;

import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Realistic events, cheap to produce: every event of a run has its own id, and belongs to one of a pool of
 * known customers (by email) or, for a share of them, to a customer never seen before. Everything but the id
 * and the email is pre-encoded in a ring of variants (type, channel, touchpoint, time, value, properties), so
 * writing an event into a request body is a few array copies and two short numbers: the load generator stays
 * light while every request body is different.
 *
 * <p>The same choices give the rows of the raw JDBC baseline ({@link #variant}, {@link #customerOf}).
 */
final class EventCorpus {

    /** The marker of a new customer in the choice sequence. */
    static final int NEW_CUSTOMER = -1;

    private static final int VARIANTS = 4_096;
    private static final int CHOICES = 1 << 20;
    private static final List<String> TYPES = List.of("purchase", "purchase", "visit", "page.view", "support.contact",
            "comment", "like");
    private static final List<String> CHANNELS = List.of("web", "app", "store", "phone");
    private static final byte[] ID_START = ascii("{\"id\":\"");
    private static final byte[] EMAIL_START = ascii("\",\"customer\":{\"identities\":{\"email\":\"");
    private static final byte[] KNOWN_EMAIL_START = ascii("c");
    private static final byte[] NEW_EMAIL_START = ascii("n-");
    private static final byte[] EMAIL_DOMAIN = ascii("@bench.example");

    /**
     * One pre-encoded variant of the fields other than id and customer.
     *
     * @param type event type
     * @param channel channel
     * @param touchpoint touchpoint key
     * @param occurredAt when
     * @param amount value amount, or null
     * @param currency value currency, or null
     * @param properties the properties object as JSON
     * @param bodyHash a hash-like 64 hex characters, for raw rows
     * @param tail the JSON of these fields, closing the event object
     */
    record Variant(String type, String channel, String touchpoint, Instant occurredAt, BigDecimal amount,
                   String currency, String properties, String bodyHash, byte[] tail) {
    }

    private final String runId;
    private final int knownCustomers;
    private final Variant[] variants = new Variant[VARIANTS];
    private final int[] choices = new int[CHOICES];

    /**
     * @param runId a prefix that makes this run's ids and new customers' emails unique in the store
     * @param knownCustomers the pool of known customers
     * @param newShare the share of events for new customers, 0 to 1
     * @param seed the seed of every choice
     */
    EventCorpus(String runId, int knownCustomers, double newShare, long seed) {
        this.runId = runId;
        this.knownCustomers = knownCustomers;
        Random random = new Random(seed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < VARIANTS; i++) {
            String type = TYPES.get(random.nextInt(TYPES.size()));
            String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
            String touchpoint = switch (channel) {
                case "store" -> "store-" + random.nextInt(40);
                case "web", "app" -> List.of("home", "product", "cart", "checkout", "account").get(random.nextInt(5));
                default -> "support-call";
            };
            Instant occurredAt = now.minusMillis(random.nextInt(7 * 24 * 3_600_000));
            BigDecimal amount = type.equals("purchase") ? BigDecimal.valueOf(100 + random.nextInt(50_000), 2) : null;
            String currency = amount == null ? null : "EUR";
            String properties = type.equals("purchase")
                    ? "{\"sku\":\"SKU-" + random.nextInt(10_000) + "\",\"quantity\":" + (1 + random.nextInt(4)) + "}"
                    : "{\"page\":\"/p/" + random.nextInt(1_000) + "\",\"referrer\":\"campaign-" + random.nextInt(20) + "\"}";
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            StringBuilder tail = new StringBuilder("\"}},\"type\":\"").append(type)
                    .append("\",\"channel\":\"").append(channel)
                    .append("\",\"touchpoint\":\"").append(touchpoint)
                    .append("\",\"occurredAt\":\"").append(occurredAt).append('"');
            if (amount != null) {
                tail.append(",\"value\":{\"amount\":").append(amount.toPlainString())
                        .append(",\"currency\":\"").append(currency).append("\"}");
            }
            tail.append(",\"properties\":").append(properties).append('}');
            variants[i] = new Variant(type, channel, touchpoint, occurredAt, amount, currency, properties,
                    hex.formatHex(digest), ascii(tail.toString()));
        }
        for (int i = 0; i < CHOICES; i++) {
            choices[i] = random.nextDouble() < newShare ? NEW_CUSTOMER : random.nextInt(knownCustomers);
        }
    }

    /**
     * Appends event number {@code n} of a stream as JSON.
     *
     * @param body where to write
     * @param stream a short name of the stream (one per phase), part of the id
     * @param n the event's number in its stream, unique within it
     */
    void write(Buffer body, String stream, long n) {
        body.appendBytes(ID_START).appendString(runId).appendByte((byte) '-').appendString(stream)
                .appendByte((byte) '-').appendString(Long.toString(n)).appendBytes(EMAIL_START);
        int customer = customerOf(n);
        if (customer == NEW_CUSTOMER) {
            body.appendBytes(NEW_EMAIL_START).appendString(runId).appendByte((byte) '-').appendString(stream)
                    .appendByte((byte) '-').appendString(Long.toString(n));
        } else {
            body.appendBytes(KNOWN_EMAIL_START).appendString(Integer.toString(customer));
        }
        body.appendBytes(EMAIL_DOMAIN).appendBytes(variant(n).tail());
    }

    /**
     * Appends the seed event of a known customer: one such event per customer creates the pool.
     *
     * @param body where to write
     * @param customer the customer's number in the pool
     */
    void writeForKnownCustomer(Buffer body, int customer) {
        body.appendBytes(ID_START).appendString(runId).appendString("-seed-").appendString(Integer.toString(customer))
                .appendBytes(EMAIL_START).appendBytes(KNOWN_EMAIL_START).appendString(Integer.toString(customer))
                .appendBytes(EMAIL_DOMAIN).appendBytes(variant(customer).tail());
    }

    /** @return the id of event {@code n} of a stream */
    String id(String stream, long n) {
        return runId + "-" + stream + "-" + n;
    }

    /** @return the known customer of event {@code n}, or {@link #NEW_CUSTOMER} */
    int customerOf(long n) {
        return choices[(int) (n % CHOICES)];
    }

    /** @return the fields of event {@code n} other than id and customer */
    Variant variant(long n) {
        return variants[(int) (Math.floorMod(n * 2_654_435_761L, VARIANTS))];
    }

    /** @return the size of the known customers' pool */
    int knownCustomers() {
        return knownCustomers;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
