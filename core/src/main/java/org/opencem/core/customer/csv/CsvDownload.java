package org.opencem.core.customer.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.opencem.core.store.Blocking;

/**
 * Streams a CSV attachment (UTF-8, comma separated, CRLF line ends, RFC 4180 quoting) a page at a time: each page
 * is read and rendered in a transaction on a worker thread and written, and the next one is read once the client
 * has taken it, so no more than a page is ever in memory however slowly the client reads. Exports escape the cells
 * they fill from stored text with {@link #cell}.
 */
public final class CsvDownload {

    private CsvDownload() {
    }

    /**
     * One page of rows.
     *
     * @param rows the rows' cells
     * @param next where the next page starts when more may follow; empty on the last page
     * @param <K> the export's position type
     */
    public record Rows<K>(List<List<String>> rows, Optional<K> next) {
    }

    /**
     * @param value a stored value
     * @return its cell, quoted against formula injection (a leading {@code = + - @}, tab or carriage return gets a
     *     leading single quote), as the customer export writes cells
     */
    public static String cell(String value) {
        return CsvCells.escape(value);
    }

    /**
     * Answers the request with the file.
     *
     * @param ctx the request
     * @param blocking runs the reads
     * @param fileName the attachment's name
     * @param header the header row's cells
     * @param pages reads the page after a position (the first page after none), in a transaction
     * @param <K> the export's position type
     */
    public static <K> void stream(RoutingContext ctx, Blocking blocking, String fileName, List<String> header,
                                  BiFunction<DSLContext, Optional<K>, Rows<K>> pages) {
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .putHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        response.write(csv(List.of(header)));
        page(ctx, blocking, pages, Optional.empty());
    }

    private static <K> void page(RoutingContext ctx, Blocking blocking, BiFunction<DSLContext, Optional<K>, Rows<K>> pages,
                                 Optional<K> after) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return;
        }
        blocking.transaction(dsl -> {
            Rows<K> rows = pages.apply(dsl, after);
            return new Rendered<>(csv(rows.rows()), rows.next());
        }).onSuccess(page -> {
            if (response.closed()) {
                return;
            }
            response.write(page.csv());
            if (page.next().isEmpty()) {
                response.end();
            } else if (response.writeQueueFull()) {
                response.drainHandler(v -> page(ctx, blocking, pages, page.next()));
            } else {
                page(ctx, blocking, pages, page.next());
            }
        }).onFailure(ctx::fail);
    }

    private static Buffer csv(List<List<String>> rows) {
        StringWriter text = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(text)) {
            rows.forEach(writer::writeRecord);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(text.toString());
    }

    /** A page rendered as CSV, and where the next starts. */
    private record Rendered<K>(Buffer csv, Optional<K> next) {
    }
}
