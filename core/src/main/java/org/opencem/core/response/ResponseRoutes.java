package org.opencem.core.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Role;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.customer.QueryParameters;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.Ids;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.Responses;
import org.opencem.core.ingest.GroupCommitWriter;
import org.opencem.core.store.Blocking;

/**
 * {@code POST /api/v1/surveys/{id}/responses} (admin, integrator): answers in, acknowledged once durable, the
 * {@code id} an idempotency key (a resend changes nothing, a later write adds answers to the same response).
 * {@code GET /api/v1/responses} and {@code GET /api/v1/exports/responses.csv} (admin, integrator, analyst): the
 * responses a filter selects, newest first, in pages or streamed as CSV.
 */
@Singleton
public final class ResponseRoutes implements ApiRoutes {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final ResponseParser parser;
    private final ResponseIngest ingest;
    private final ResponseQueries queries;
    private final ResponseCsvExport export;
    private final Blocking blocking;
    private final ZoneId zone;
    private final Clock clock;

    @Inject
    ResponseRoutes(ResponseParser parser, ResponseIngest ingest, ResponseQueries queries, ResponseCsvExport export,
                   Blocking blocking, ServerConfig config, Clock clock) {
        this.parser = parser;
        this.ingest = ingest;
        this.queries = queries;
        this.export = export;
        this.blocking = blocking;
        this.zone = config.reportingZone();
        this.clock = clock;
    }

    /**
     * The answer to a response write.
     *
     * @param id the client's idempotency key
     * @param responseId the stored response's id
     * @param customerId its customer; null when anonymous
     * @param status partial or complete
     * @param result created, updated or unchanged
     */
    record Recorded(String id, UUID responseId, @JsonInclude(JsonInclude.Include.ALWAYS) UUID customerId, String status,
                    String result) {
    }

    @Override
    public void mount(Router api) {
        var read = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR, Role.ANALYST);
        api.post("/surveys/:id/responses").handler(Authenticator.allow(Role.ADMIN, Role.INTEGRATOR)).handler(this::record);
        api.get("/responses").handler(read).handler(this::list);
        api.get("/exports/responses.csv").handler(read).handler(this::export);
    }

    private void record(RoutingContext ctx) {
        UUID survey = Ids.uuid(ctx, "id");
        JsonBody body = JsonBody.of(ctx);
        ResponseRequest write = parser.parse(body, survey, clock.instant()).orElse(null);
        body.validate();
        ingest.record(write).onSuccess(outcome -> {
            Recorded answer = new Recorded(write.key(), outcome.responseId(), outcome.customerId(),
                    outcome.complete() ? "complete" : "partial", outcome.result().name().toLowerCase(Locale.ROOT));
            Responses.json(ctx, outcome.result() == ResponseOutcome.Result.CREATED ? 201 : 200, answer);
        }).onFailure(failure -> GroupCommitWriter.fail(ctx, failure));
    }

    private void list(RoutingContext ctx) {
        Set<String> names = new HashSet<>(ResponseFilter.PARAMETERS);
        names.addAll(Set.of("limit", "cursor"));
        QueryParameters query = QueryParameters.of(ctx, names, "");
        ResponseFilter filter = ResponseFilter.of(query, zone);
        int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
        Optional<ResponseQueries.Position> after = query.cursor(ResponseQueries.Position::decode);
        query.validate();
        blocking.transaction(dsl -> queries.page(dsl, filter, limit, after))
                .onSuccess(page -> Responses.ok(ctx, page)).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        QueryParameters query = QueryParameters.of(ctx, ResponseFilter.PARAMETERS, "");
        ResponseFilter filter = ResponseFilter.of(query, zone);
        query.validate();
        export.stream(ctx, filter);
    }
}
