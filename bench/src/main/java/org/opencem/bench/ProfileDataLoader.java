package org.opencem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.opencem.core.config.ConfigLoader;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.store.Database;

/**
 * Fills an OpenCEM data dir with customers (an email each, a phone for a third of them, a tier attribute)
 * and their interactions over two years on 5 channels and 50 touchpoints, with JDBC batches straight into
 * the store (migrated by {@link Database#open}, exactly as the server would). Writes a sample of customer
 * ids, one per line, for the latency probe.
 *
 * <p>Usage: {@code ProfileDataLoader DATA_DIR CUSTOMERS INTERACTIONS SAMPLE_FILE}
 */
public final class ProfileDataLoader {

    private static final int BATCH = 1_000;
    private static final int SAMPLE = 2_000;
    private static final String[] CHANNELS = {"web", "email", "kiosk", "store", "support"};
    private static final String[] TYPES = {"purchase", "visit", "support-contact", "comment", "like"};
    private static final String[] TIERS = {"gold", "silver", "bronze"};
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    private static final long SPAN_SECONDS = ChronoUnit.DAYS.getDuration().getSeconds() * 730;

    private ProfileDataLoader() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ProfileDataLoader DATA_DIR CUSTOMERS INTERACTIONS SAMPLE_FILE");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        int customers = Integer.parseInt(args[1]);
        long interactions = Long.parseLong(args[2]);
        ServerConfig config = new ConfigLoader().load(Optional.empty(), Map.of("OPENCEM_DATA_DIR", dataDir.toString()));
        long begin = System.nanoTime();
        try (Database database = Database.open(config); Connection connection = database.dataSource().getConnection();
             Writer sample = Files.newBufferedWriter(Path.of(args[3]))) {
            connection.setAutoCommit(false);
            load(connection, customers, interactions, sample);
        }
        H2Files.compact(dataDir);
        System.out.printf("loaded %d customers and %d interactions in %.1f s%n", customers, interactions,
                (System.nanoTime() - begin) / 1e9);
    }

    private static void load(Connection connection, int customers, long interactions, Writer sample) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement customer = connection.prepareStatement("INSERT INTO customer (id, attributes, first_seen, "
                + "last_seen, created_at) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement identity = connection.prepareStatement("INSERT INTO customer_identity (id_type, id_value, "
                     + "customer_id, created_at) VALUES (?, ?, ?, ?)");
             PreparedStatement interaction = connection.prepareStatement("INSERT INTO interaction (event_id, body_hash, "
                     + "customer_id, event_type, channel, touchpoint_key, occurred_at, amount, currency, properties, "
                     + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long written = 0;
            int pendingCustomers = 0;
            int pendingInteractions = 0;
            long sampleEvery = Math.max(1, customers / SAMPLE);
            for (int c = 0; c < customers; c++) {
                UUID id = UUID.randomUUID();
                // Spread the interactions evenly: customer c gets its share of what is left.
                long share = (interactions - written) / (customers - c);
                int count = (int) Math.max(0, share + (share > 1 ? random.nextInt(-1, 2) : 0));
                customer.setObject(1, id);
                customer.setString(2, "{\"tier\":\"" + TIERS[c % TIERS.length] + "\",\"name\":\"Customer " + c + "\"}");
                customer.setObject(3, now.minusDays(730));
                customer.setObject(4, now);
                customer.setObject(5, now.minusDays(730));
                customer.addBatch();
                addIdentity(identity, "email", "customer" + c + "@example.com", id, now);
                if (c % 3 == 0) {
                    addIdentity(identity, "phone", String.format("+3519%08d", c), id, now);
                }
                for (int i = 0; i < count; i++) {
                    int touchpoint = random.nextInt(50);
                    interaction.setString(1, "load-" + c + "-" + i);
                    interaction.setString(2, "0".repeat(64));
                    interaction.setObject(3, id);
                    interaction.setString(4, TYPES[random.nextInt(TYPES.length)]);
                    interaction.setString(5, CHANNELS[touchpoint % CHANNELS.length]);
                    interaction.setString(6, "touchpoint-" + touchpoint);
                    interaction.setObject(7, OffsetDateTime.ofInstant(END.minusSeconds(random.nextLong(SPAN_SECONDS)), ZoneOffset.UTC));
                    interaction.setBigDecimal(8, null);
                    interaction.setString(9, null);
                    interaction.setString(10, "{\"sku\":\"A-" + random.nextInt(1000) + "\"}");
                    interaction.setObject(11, now);
                    interaction.addBatch();
                    written++;
                    pendingInteractions++;
                }
                if (++pendingCustomers >= BATCH || pendingInteractions >= BATCH) {
                    flush(connection, customer, identity, interaction);
                    pendingCustomers = 0;
                    pendingInteractions = 0;
                }
                if (c % sampleEvery == 0) {
                    write(sample, id + "\n");
                }
                if (c > 0 && c % 100_000 == 0) {
                    System.out.printf("%d customers, %d interactions%n", c, written);
                }
            }
            flush(connection, customer, identity, interaction);
        }
    }

    /** Customers before the identities and interactions that refer to them, one transaction per batch. */
    private static void flush(Connection connection, PreparedStatement... batches) throws SQLException {
        for (PreparedStatement batch : batches) {
            batch.executeBatch();
        }
        connection.commit();
    }

    private static void addIdentity(PreparedStatement identity, String type, String value, UUID customer,
                                    OffsetDateTime at) throws SQLException {
        identity.setString(1, type);
        identity.setString(2, value);
        identity.setObject(3, customer);
        identity.setObject(4, at);
        identity.addBatch();
    }

    private static void write(Writer writer, String text) {
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
