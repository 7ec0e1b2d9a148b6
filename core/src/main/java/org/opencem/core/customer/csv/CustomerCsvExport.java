package org.opencem.core.customer.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.opencem.core.customer.IdentityNormalizer;
import org.opencem.core.store.Blocking;

/**
 * Streams every live customer as CSV (UTF-8, comma separated, CRLF line ends, RFC 4180 quoting): a pass
 * over the attributes column finds the columns, then pages of customers are read, rendered and written one
 * after another, waiting whenever the client reads slower than the store is read. A row's cells follow
 * {@link ExportColumns}; the file imports back with the default mapping.
 */
@Singleton
final class CustomerCsvExport {

    private static final int PAGE_SIZE = 500;
    private static final int KEY_PAGE_SIZE = 2_000;

    private final Blocking blocking;
    private final ExportQueries queries;
    private final IdentityNormalizer normalizer;

    @Inject
    CustomerCsvExport(Blocking blocking, ExportQueries queries, IdentityNormalizer normalizer) {
        this.blocking = blocking;
        this.queries = queries;
        this.normalizer = normalizer;
    }

    /** @param ctx the request for {@code GET /exports/customers.csv} */
    void stream(RoutingContext ctx) {
        blocking.transaction(queries::identityTypes)
                .compose(types -> attributeKeys(Optional.empty(), new TreeSet<>())
                        .map(keys -> new ExportColumns(types, keys, normalizer)))
                .onSuccess(columns -> {
                    HttpServerResponse response = ctx.response()
                            .setChunked(true)
                            .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                            .putHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"customers.csv\"");
                    response.write(csv(writer -> writer.writeRecord(columns.header())));
                    page(ctx, columns, Optional.empty());
                })
                .onFailure(ctx::fail);
    }

    private Future<Set<String>> attributeKeys(Optional<UUID> after, Set<String> keys) {
        return blocking.transaction(dsl -> queries.attributeKeys(dsl, after, KEY_PAGE_SIZE)).compose(page -> {
            keys.addAll(page.keys());
            return page.last().isPresent() ? attributeKeys(page.last(), keys) : Future.succeededFuture(keys);
        });
    }

    private void page(RoutingContext ctx, ExportColumns columns, Optional<UUID> after) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return;
        }
        blocking.transaction(dsl -> {
            List<ExportedCustomer> customers = queries.page(dsl, after, PAGE_SIZE);
            Buffer rows = csv(writer -> customers.forEach(customer -> writer.writeRecord(columns.row(customer))));
            return new RenderedPage(rows, customers.size() < PAGE_SIZE ? Optional.empty()
                    : Optional.of(customers.get(customers.size() - 1).id()));
        }).onSuccess(page -> {
            if (response.closed()) {
                return;
            }
            response.write(page.rows());
            if (page.last().isEmpty()) {
                response.end();
            } else if (response.writeQueueFull()) {
                response.drainHandler(v -> page(ctx, columns, page.last()));
            } else {
                page(ctx, columns, page.last());
            }
        }).onFailure(ctx::fail);
    }

    private static Buffer csv(Consumer<CsvWriter> rows) {
        StringWriter text = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(text)) {
            rows.accept(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(text.toString());
    }

    /** A page rendered as CSV, and the id to continue after when more may follow. */
    private record RenderedPage(Buffer rows, Optional<UUID> last) {
    }
}
