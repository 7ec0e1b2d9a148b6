package org.opencem.core.response;

import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opencem.core.customer.csv.CsvDownload;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.schema.tables.records.ResponseAnswerRecord;
import org.opencem.core.store.schema.tables.records.ResponseRecord;

/**
 * Streams the responses a filter selects as CSV ({@link CsvDownload}), newest first like the list, one row per
 * answer. Cells filled from client text (ids, channels, touchpoints, answers...) are quoted against formula
 * injection like the customer export's.
 */
@Singleton
final class ResponseCsvExport {

    /** The columns, in order. */
    static final List<String> HEADER = List.of("id", "response_id", "survey_id", "survey_version", "customer_id",
            "channel", "touchpoint", "locale", "occurred_at", "completed_at", "question_id", "question_type", "score",
            "text");
    private static final int PAGE_SIZE = 500;

    private final Blocking blocking;
    private final ResponseQueries queries;

    @Inject
    ResponseCsvExport(Blocking blocking, ResponseQueries queries) {
        this.blocking = blocking;
        this.queries = queries;
    }

    /** @param ctx the request @param filter the responses to export */
    void stream(RoutingContext ctx, ResponseFilter filter) {
        CsvDownload.<ResponseQueries.Position>stream(ctx, blocking, "responses.csv", HEADER, (dsl, after) -> {
            List<ResponseQueries.Found> found = queries.read(dsl, filter, PAGE_SIZE, after);
            List<List<String>> rows = new ArrayList<>();
            found.forEach(f -> f.answers().forEach(answer -> rows.add(row(f.response(), answer))));
            return new CsvDownload.Rows<>(rows, found.size() < PAGE_SIZE ? Optional.empty()
                    : Optional.of(found.get(found.size() - 1).position()));
        });
    }

    private static List<String> row(ResponseRecord r, ResponseAnswerRecord a) {
        return List.of(CsvDownload.cell(r.getResponseKey()), r.getId().toString(), r.getSurveyId().toString(),
                r.getSurveyVersion().toString(), text(r.getCustomerId()), CsvDownload.cell(r.getChannel()),
                CsvDownload.cell(r.getTouchpointKey()), CsvDownload.cell(r.getLocale()), time(r.getOccurredAt()),
                time(r.getCompletedAt()), CsvDownload.cell(a.getQuestionId()), CsvDownload.cell(a.getQuestionType()),
                CsvDownload.cell(text(a.getScore())), CsvDownload.cell(Objects.requireNonNullElse(a.getTextValue(), "")));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }
}
