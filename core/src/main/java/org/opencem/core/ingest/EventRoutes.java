package org.opencem.core.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Role;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.Problem;
import org.opencem.core.http.ProblemException;
import org.opencem.core.http.Responses;

/**
 * {@code POST /api/v1/events} and {@code /events/batch}: interactions in, acknowledged once durable. The event
 * {@code id} is the client's idempotency key: a resend answers like the first time and stores nothing new; the
 * same id with another body is a conflict. A batch answers per item, storing the good items even when some are bad
 * (a batch whose items are not all objects is malformed: the OpenAPI check refuses it whole).
 */
@Singleton
public final class EventRoutes implements ApiRoutes {

    /** The most events one batch may carry. */
    public static final int MAX_BATCH = 1_000;

    private final EventParser parser;
    private final GroupCommitWriter writer;
    private final IngestTransaction events;
    private final Clock clock;

    @Inject
    EventRoutes(EventParser parser, GroupCommitWriter writer, IngestTransaction events, Clock clock) {
        this.parser = parser;
        this.writer = writer;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The answer for one event.
     *
     * @param id the event id
     * @param customerId the customer it belongs to
     * @param status created or duplicate
     */
    record Accepted(String id, UUID customerId, String status) {
    }

    /**
     * One item of a batch answer.
     *
     * @param index the item's position in the batch
     * @param id its id, when it had a readable one
     * @param status created, duplicate or rejected
     * @param customerId its customer, unless rejected
     * @param errors why it was rejected
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ItemResult(int index, String id, String status, UUID customerId, List<Problem.FieldError> errors) {
    }

    /**
     * A batch answer.
     *
     * @param accepted items stored by this request
     * @param duplicates items stored before
     * @param rejected items not stored
     * @param results one per item, in order
     */
    record BatchResult(int accepted, int duplicates, int rejected, List<ItemResult> results) {
    }

    @Override
    public void mount(Router api) {
        var write = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR);
        api.post("/events").handler(write).handler(this::one);
        api.post("/events/batch").handler(write).handler(this::batch);
    }

    private void one(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        EventRequest event = parser.parse(body, clock.instant()).orElse(null);
        body.validate();
        writer.write(events, List.of(event)).onSuccess(outcomes -> {
            EventOutcome outcome = outcomes.get(0);
            switch (outcome.status()) {
                case CREATED -> Responses.json(ctx, 201, new Accepted(event.id(), outcome.customerId(), "created"));
                case DUPLICATE -> Responses.ok(ctx, new Accepted(event.id(), outcome.customerId(), "duplicate"));
                case CONFLICT -> ctx.fail(ProblemException.conflict("event '" + event.id()
                        + "' was stored before with a different body; send a new id for a new event"));
            }
        }).onFailure(failure -> GroupCommitWriter.fail(ctx, failure));
    }

    private void batch(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx).only(Set.of("events"));
        List<JsonNode> items = body.requiredArray("events", MAX_BATCH);
        body.validate();
        Instant receivedAt = clock.instant();
        ItemResult[] results = new ItemResult[items.size()];
        List<EventRequest> valid = new ArrayList<>();
        List<Integer> validIndexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            // The OpenAPI check refused the batch already if an item is not an object.
            ObjectNode item = (ObjectNode) items.get(i);
            JsonBody itemBody = JsonBody.of(item, "events[" + i + "].");
            var parsed = parser.parse(itemBody, receivedAt);
            if (parsed.isPresent()) {
                valid.add(parsed.get());
                validIndexes.add(i);
            } else {
                JsonNode id = item.get("id");
                results[i] = rejected(i, id != null && id.isTextual() ? id.asText() : null, itemBody.errors());
            }
        }
        if (valid.isEmpty()) {
            answerBatch(ctx, results);
            return;
        }
        writer.write(events, valid).onSuccess(outcomes -> {
            for (int k = 0; k < outcomes.size(); k++) {
                int index = validIndexes.get(k);
                EventOutcome outcome = outcomes.get(k);
                String id = valid.get(k).id();
                results[index] = switch (outcome.status()) {
                    case CREATED -> new ItemResult(index, id, "created", outcome.customerId(), List.of());
                    case DUPLICATE -> new ItemResult(index, id, "duplicate", outcome.customerId(), List.of());
                    case CONFLICT -> rejected(index, id, List.of(new Problem.FieldError("events[" + index + "].id",
                            "was stored before with a different body")));
                };
            }
            answerBatch(ctx, results);
        }).onFailure(failure -> GroupCommitWriter.fail(ctx, failure));
    }

    private static ItemResult rejected(int index, String id, List<Problem.FieldError> errors) {
        return new ItemResult(index, id, "rejected", null, errors);
    }

    private static void answerBatch(RoutingContext ctx, ItemResult[] results) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (ItemResult result : results) {
            switch (result.status()) {
                case "created" -> accepted++;
                case "duplicate" -> duplicates++;
                default -> rejected++;
            }
        }
        Responses.ok(ctx, new BatchResult(accepted, duplicates, rejected, List.of(results)));
    }
}
