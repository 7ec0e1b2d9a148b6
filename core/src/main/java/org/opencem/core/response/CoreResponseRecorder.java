package org.opencem.core.response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opencem.api.customer.Identity;
import org.opencem.api.survey.ResponseRecorder;
import org.opencem.api.survey.SurveyResponse;
import org.opencem.core.http.Json;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.ProblemException;

/**
 * The core's {@link ResponseRecorder} for channel plugins: the response is written as the API's request body and
 * taken through the same parser and writer as {@code POST /api/v1/surveys/{id}/responses}, so both check and store
 * answers alike. The channel instance id is the response's channel. The stage fails with an
 * {@link IllegalArgumentException} for what the API answers 400 or 404 (bad fields, unknown survey or question,
 * invalid answers, two identities of one type), and an {@link IllegalStateException} for what it answers 409 or 503
 * (conflicting resend, survey not active, writer saturated), the message saying which.
 */
@Singleton
public final class CoreResponseRecorder implements ResponseRecorder {

    private final ResponseParser parser;
    private final ResponseIngest ingest;
    private final Clock clock;

    @Inject
    CoreResponseRecorder(ResponseParser parser, ResponseIngest ingest, Clock clock) {
        this.parser = parser;
        this.ingest = ingest;
        this.clock = clock;
    }

    @Override
    public CompletionStage<String> record(SurveyResponse response) {
        ResponseRequest write;
        try {
            write = parse(response);
        } catch (ProblemException e) {
            return CompletableFuture.failedFuture(translated(e));
        }
        return ingest.record(write)
                .<String>transform(done -> done.succeeded()
                        ? Future.succeededFuture(done.result().responseId().toString())
                        : Future.failedFuture(translated(done.cause())))
                .toCompletionStage();
    }

    private ResponseRequest parse(SurveyResponse response) {
        UUID surveyId;
        try {
            surveyId = UUID.fromString(response.surveyId());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("surveyId", "is not a survey id");
        }
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("id", response.id())
                .put("channel", response.channelId())
                .put("touchpoint", response.touchpoint())
                .put("locale", response.locale())
                .put("occurredAt", response.occurredAt().toString());
        body.set("answers", Json.MAPPER.valueToTree(response.answers()));
        if (!response.identities().isEmpty()) {
            ObjectNode identities = body.putObject("customer").putObject("identities");
            for (Identity identity : response.identities()) {
                if (identities.has(identity.type())) {
                    throw ProblemException.badField("customer.identities." + identity.type(), "one identity per type");
                }
                identities.put(identity.type(), identity.value());
            }
        }
        JsonBody json = JsonBody.of(body, "");
        ResponseRequest write = parser.parse(json, surveyId, clock.instant()).orElse(null);
        json.validate();
        return write;
    }

    private static Throwable translated(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem.status() == 400 || problem.status() == 404
                    ? new IllegalArgumentException(problem.getMessage())
                    : new IllegalStateException(problem.getMessage());
        }
        return failure;
    }
}
