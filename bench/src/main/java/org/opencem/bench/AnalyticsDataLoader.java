package org.opencem.bench;

import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.CUSTOMER_IDENTITY;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;
import static org.opencem.core.store.schema.Tables.SURVEY;
import static org.opencem.core.store.schema.Tables.SURVEY_QUESTION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.opencem.api.metric.MetricType;
import org.opencem.core.analytics.RollupDelta;
import org.opencem.core.analytics.RollupStateRepository;
import org.opencem.core.analytics.RollupWriter;
import org.opencem.core.config.ConfigLoader;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.http.Json;
import org.opencem.core.store.Database;

/**
 * Fills a fresh OpenCEM data dir with an {@link AnalyticsDataset}: 4 active surveys and their questions, N/10
 * customers (an email each, tier and region attributes), and N responses over two years (see
 * {@link ResponseGenerator}) with their answers, written straight into the store (migrated by
 * {@link Database#open}, as the server would) through jOOQ batches of the generated tables. In the same
 * transactions as the responses, the rollups are folded by the distribution's metric plugins ({@link MetricFolds})
 * and written by the core's own {@link RollupWriter}; then each customer's latest answer per metric. The metrics'
 * rollup state is kept by the core's {@link RollupStateRepository}, as a rebuild keeps it: building during the
 * load, ready (with the counter names and the reporting zone) at its end, so that the server reads the rollups
 * instead of rebuilding them.
 *
 * <p>Written for H2's copy-on-write store, whose file otherwise grows by gigabytes per million responses: rows in
 * the order of their indexes wherever the data allows it (customers by id, responses by time), the indexes that
 * would still be written in random order built at the end ({@link DeferredIndexes}), and the file compacted every
 * {@code --compact-every} responses and at the end, as a long-running server's would be ({@link BulkStore}). The
 * load stops when the store outgrows {@code --max-store-gib}. Prints progress, where the time goes, the load rate
 * and the store's size; writes the dataset's description for the probes.
 *
 * <p>Usage: {@code AnalyticsDataLoader [--random-ids] [--per-transaction N] [--compact-every N] [--max-store-gib N]
 * CONFIG_FILE DATA_DIR RESPONSES DATASET_FILE}
 */
public final class AnalyticsDataLoader {

    private static final int CUSTOMER_BATCH = 20_000;
    private static final String[] TIERS = {"gold", "silver", "silver", "bronze", "bronze", "bronze"};
    private static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    /**
     * How the load is written.
     *
     * @param perTransaction responses per transaction
     * @param compactEvery responses between compactions of the file
     * @param maxStoreBytes the size of the store's files at which the load stops
     */
    private record Settings(int perTransaction, long compactEvery, long maxStoreBytes) {
    }

    private final AnalyticsDataset dataset;
    private final ResponseGenerator generator;
    private final MetricFolds folds;
    private final RollupWriter rollups;
    private final RollupStateRepository states;
    private final LatestAnswers latest;
    private final Settings settings;

    private AnalyticsDataLoader(AnalyticsDataset dataset, MetricFolds folds, Injector core, Settings settings) {
        this.dataset = dataset;
        this.generator = new ResponseGenerator(dataset, dataset.randomIds());
        this.folds = folds;
        this.rollups = core.getInstance(RollupWriter.class);
        this.states = core.getInstance(RollupStateRepository.class);
        this.latest = new LatestAnswers(dataset.customers(), folds.metrics());
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        boolean randomIds = false;
        int perTransaction = 20_000;
        long compactEvery = 2_000_000;
        long maxStoreGib = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--random-ids" -> randomIds = true;
                case "--per-transaction" -> perTransaction = Integer.parseInt(args[++i]);
                case "--compact-every" -> compactEvery = Long.parseLong(args[++i]);
                case "--max-store-gib" -> maxStoreGib = Long.parseLong(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() != 4) {
            System.err.println("usage: AnalyticsDataLoader [--random-ids] [--per-transaction N] [--compact-every N]"
                    + " [--max-store-gib N] CONFIG_FILE DATA_DIR RESPONSES DATASET_FILE");
            System.exit(2);
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Path dataDir = Path.of(positional.get(1));
        long responses = Long.parseLong(positional.get(2));
        ServerConfig config = new ConfigLoader().load(Optional.of(Path.of(positional.get(0))),
                Map.of("OPENCEM_DATA_DIR", dataDir.toString()));
        // The core's rollup writer and state repository, made by Guice from the configuration as the server makes them.
        Injector core = Guice.createInjector(binder -> {
            binder.bind(ServerConfig.class).toInstance(config);
            binder.bind(Clock.class).toInstance(Clock.systemUTC());
        });
        MetricFolds folds = MetricFolds.fromClassPath();
        int customers = (int) Math.max(1, responses / 10);
        List<UUID> surveys = AnalyticsDataset.SURVEYS.stream()
                .map(s -> UUID.nameUUIDFromBytes(("opencem-bench-survey:" + s.name()).getBytes(StandardCharsets.UTF_8)))
                .toList();
        AnalyticsDataset dataset = new AnalyticsDataset(responses, customers, config.reportingZone(), surveys, randomIds);
        System.out.printf("metrics %s, rollup days in %s, %s response ids, %d responses per transaction%n",
                folds.metrics().stream().map(MetricType::id).toList(), config.reportingZone(),
                randomIds ? "random" : "time-ordered", perTransaction);

        long begin = System.nanoTime();
        Database.open(config).close(); // the server's migrations
        long answers;
        try (BulkStore store = new BulkStore(dataDir)) {
            answers = new AnalyticsDataLoader(dataset, folds, core,
                    new Settings(perTransaction, compactEvery, maxStoreGib << 30)).load(store);
        }
        long compactStart = System.nanoTime();
        H2Files.compact(dataDir);
        double loadSeconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("compacted in %.1f s: store %d MiB%n", (System.nanoTime() - compactStart) / 1e9,
                H2Files.size(dataDir) >> 20);
        System.out.printf("loaded %d responses (%d answers) and %d customers in %.1f s: %.0f responses/s%n",
                responses, answers, customers, loadSeconds, responses / loadSeconds);
        dataset.write(Path.of(positional.get(3)));
    }

    /** @return the number of answers written */
    private long load(BulkStore store) throws Exception {
        Instant now = Instant.now();
        for (MetricType metric : folds.metrics()) {
            states.building(store.dsl(), metric.id(), metric.counterNames(), rollups.zone());
        }
        writeSurveys(store.dsl(), now);
        UUID[] customerIds = writeCustomers(store, now);
        DeferredIndexes.drop(store.dsl());
        store.compact();
        long start = System.nanoTime();
        ResponseStream stream = new ResponseStream(store, customerIds, start);
        generator.generate(stream);
        stream.finish();
        System.out.printf("responses written in %.1f s (%s); writing the customers' latest answers%n",
                (System.nanoTime() - start) / 1e9, stream.phases());
        latest.write(store, customerIds, dataset.surveys());
        long indexStart = System.nanoTime();
        DeferredIndexes.create(store.dsl());
        store.commit();
        System.out.printf("deferred foreign keys and indexes created in %.1f s: store %d MiB%n",
                (System.nanoTime() - indexStart) / 1e9, store.size() >> 20);
        for (MetricType metric : folds.metrics()) {
            if (!states.ready(store.dsl(), metric.id(), metric.counterNames(), rollups.zone())) {
                throw new IllegalStateException("the rollup state of " + metric.id() + " changed during the load");
            }
        }
        return stream.answers;
    }

    /** How the core writes JSON columns (question texts, customer attributes). */
    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeSurveys(DSLContext dsl, Instant now) {
        Instant created = AnalyticsDataset.start().atStartOfDay(dataset.zone()).toInstant().minusSeconds(86_400);
        for (int s = 0; s < AnalyticsDataset.SURVEYS.size(); s++) {
            AnalyticsDataset.Survey survey = AnalyticsDataset.SURVEYS.get(s);
            UUID id = dataset.surveys().get(s);
            dsl.insertInto(SURVEY, SURVEY.ID, SURVEY.NAME, SURVEY.STATUS, SURVEY.DEFAULT_LOCALE, SURVEY.VERSION,
                            SURVEY.QUIET_DAYS, SURVEY.SAMPLING_RATE, SURVEY.CREATED_AT, SURVEY.UPDATED_AT)
                    .values(id, survey.name(), "active", "en", 1, 30, 1.0, created, now)
                    .execute();
            for (int q = 0; q < survey.questions().size(); q++) {
                AnalyticsDataset.Question question = survey.questions().get(q);
                dsl.insertInto(SURVEY_QUESTION, SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.SURVEY_VERSION,
                                SURVEY_QUESTION.QUESTION_ID, SURVEY_QUESTION.POSITION, SURVEY_QUESTION.QUESTION_TYPE,
                                SURVEY_QUESTION.TEXTS, SURVEY_QUESTION.OPTIONS)
                        .values(id, 1, question.id(), q, question.type(), json(Map.of("en", question.text())), json(List.of()))
                        .execute();
            }
        }
    }

    /**
     * Writes the customers in the order of their ids (random ones, as the server makes them, sorted as H2 sorts
     * UUIDs): the primary key and the identities' customer index then grow at their end, instead of every batch
     * rewriting pages all over them.
     */
    private UUID[] writeCustomers(BulkStore store, Instant now) throws Exception {
        DSLContext dsl = store.dsl();
        UUID[] ids = new UUID[dataset.customers()];
        for (int c = 0; c < ids.length; c++) {
            ids[c] = generator.uuid();
        }
        Arrays.sort(ids, Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
                .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned));
        Instant firstSeen = AnalyticsDataset.start().atStartOfDay(dataset.zone()).toInstant();
        for (int from = 0; from < ids.length; from += CUSTOMER_BATCH) {
            BatchBindStep customers = dsl.batch(dsl.insertInto(CUSTOMER, CUSTOMER.ID, CUSTOMER.ATTRIBUTES,
                    CUSTOMER.FIRST_SEEN, CUSTOMER.LAST_SEEN, CUSTOMER.CREATED_AT).values(null, null, null, null, (Instant) null));
            BatchBindStep identities = dsl.batch(dsl.insertInto(CUSTOMER_IDENTITY, CUSTOMER_IDENTITY.ID_TYPE,
                    CUSTOMER_IDENTITY.ID_VALUE, CUSTOMER_IDENTITY.CUSTOMER_ID, CUSTOMER_IDENTITY.CREATED_AT)
                    .values(null, null, null, (Instant) null));
            for (int c = from; c < Math.min(ids.length, from + CUSTOMER_BATCH); c++) {
                Map<String, String> attributes = Map.of("tier", TIERS[generator.nextInt(TIERS.length)],
                        "region", REGIONS[generator.nextInt(REGIONS.length)]);
                customers.bind(ids[c], json(attributes), firstSeen, now, firstSeen);
                identities.bind("email", AnalyticsDataset.email(c), ids[c], firstSeen);
            }
            customers.execute();
            identities.execute();
            store.commit();
        }
        System.out.printf("%d customers written: store %d MiB%n", ids.length, store.size() >> 20);
        return ids;
    }

    /**
     * Writes the generated responses in transactions of {@link Settings#perTransaction}: the responses, then their
     * answers, then what they add to the rollups, and commits; compacts the store every
     * {@link Settings#compactEvery} responses. Reports progress and the store's size every 10 s, and stops the load
     * when the store outgrows {@link Settings#maxStoreBytes}.
     */
    private final class ResponseStream implements ResponseGenerator.Sink {

        private final BulkStore store;
        private final UUID[] customerIds;
        private final long start;
        private final List<RollupDelta> deltas = new ArrayList<>();
        /** Nanoseconds spent inserting responses, answers, adding to the rollups, committing and compacting. */
        private final long[] phases = new long[5];
        private BatchBindStep responses;
        private BatchBindStep answerRows;
        private int pending;
        private long written;
        private long answers;
        private long lastReport;
        private long nextCompaction;

        ResponseStream(BulkStore store, UUID[] customerIds, long start) {
            this.store = store;
            this.customerIds = customerIds;
            this.start = start;
            this.lastReport = start;
            this.nextCompaction = settings.compactEvery();
            newBatches();
        }

        private void newBatches() {
            DSLContext dsl = store.dsl();
            responses = dsl.batch(dsl.insertInto(RESPONSE, RESPONSE.ID, RESPONSE.RESPONSE_KEY, RESPONSE.SURVEY_ID,
                            RESPONSE.SURVEY_VERSION, RESPONSE.CUSTOMER_ID, RESPONSE.CHANNEL, RESPONSE.TOUCHPOINT_KEY,
                            RESPONSE.LOCALE, RESPONSE.OCCURRED_AT, RESPONSE.RECORDED_AT, RESPONSE.COMPLETED_AT,
                            RESPONSE.UPDATED_AT)
                    .values(null, null, null, null, null, null, null, null, null, null, null, (Instant) null));
            answerRows = dsl.batch(dsl.insertInto(RESPONSE_ANSWER, RESPONSE_ANSWER.RESPONSE_ID,
                            RESPONSE_ANSWER.QUESTION_ID, RESPONSE_ANSWER.QUESTION_TYPE, RESPONSE_ANSWER.SCORE,
                            RESPONSE_ANSWER.TEXT_VALUE, RESPONSE_ANSWER.ANSWERED_AT)
                    .values(null, null, null, null, null, (Instant) null));
            deltas.clear();
            pending = 0;
        }

        @Override
        public void accept(ResponseGenerator.Generated response) throws Exception {
            UUID survey = dataset.surveys().get(response.survey());
            UUID customer = response.customer() < 0 ? null : customerIds[response.customer()];
            String channel = AnalyticsDataset.CHANNELS.get(response.channel());
            responses.bind(response.id(), response.key(), survey, 1, customer, channel, response.touchpoint(),
                    response.locale(), response.occurredAt(), response.updatedAt().plusMillis(150),
                    response.completedAt(), response.updatedAt());
            for (ResponseGenerator.TimedAnswer timed : response.answers()) {
                Object value = timed.answer().value();
                answerRows.bind(response.id(), timed.answer().questionId(), timed.answer().questionType(),
                        value instanceof Long score ? score : null, value instanceof String text ? text : null,
                        timed.answeredAt());
                folds.fold(survey, channel, response.touchpoint(), response.occurredAt(), timed.answer(), deltas);
            }
            if (customer != null) {
                latest.record(response, response.customer());
            }
            answers += response.answers().size();
            written++;
            if (++pending == settings.perTransaction()) {
                write();
            }
            long now = System.nanoTime();
            if (now - lastReport > PROGRESS_NANOS) {
                lastReport = now;
                long size = store.size();
                System.out.printf("%d / %d responses (%.0f%%), %.0f responses/s; %s; store %d MiB%n", written,
                        dataset.responses(), 100.0 * written / dataset.responses(), written / ((now - start) / 1e9),
                        phases(), size >> 20);
                if (size > settings.maxStoreBytes()) {
                    throw new IllegalStateException("the store outgrew " + (settings.maxStoreBytes() >> 30)
                            + " GiB: load stopped");
                }
            }
        }

        void finish() throws Exception {
            if (pending > 0) {
                write();
            }
        }

        private void write() throws Exception {
            long t0 = System.nanoTime();
            responses.execute();
            long t1 = System.nanoTime();
            answerRows.execute();
            long t2 = System.nanoTime();
            rollups.add(store.dsl(), deltas);
            long t3 = System.nanoTime();
            store.commit();
            long t4 = System.nanoTime();
            if (written >= nextCompaction) {
                store.compact();
                nextCompaction += settings.compactEvery();
            }
            long t5 = System.nanoTime();
            phases[0] += t1 - t0;
            phases[1] += t2 - t1;
            phases[2] += t3 - t2;
            phases[3] += t4 - t3;
            phases[4] += t5 - t4;
            newBatches();
        }

        /** @return where the writing time went so far */
        String phases() {
            return String.format("inserting responses %.1f s, answers %.1f s, rollups %.1f s, commits %.1f s,"
                    + " compactions %.1f s", phases[0] / 1e9, phases[1] / 1e9, phases[2] / 1e9, phases[3] / 1e9,
                    phases[4] / 1e9);
        }
    }
}
