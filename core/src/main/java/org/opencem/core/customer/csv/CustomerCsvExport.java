package org.opencem.core.customer.csv;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.opencem.core.customer.IdentityNormalizer;
import org.opencem.core.store.Blocking;

/**
 * Streams every live customer as CSV ({@link CsvDownload}): a pass over the attributes column finds the
 * columns, then pages of customers are read, rendered and written one after another. A row's cells follow
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
                .onSuccess(columns -> CsvDownload.<UUID>stream(ctx, blocking, "customers.csv", columns.header(),
                        (dsl, after) -> {
                            List<ExportedCustomer> customers = queries.page(dsl, after, PAGE_SIZE);
                            return new CsvDownload.Rows<>(customers.stream().map(columns::row).toList(),
                                    customers.size() < PAGE_SIZE ? Optional.empty()
                                            : Optional.of(customers.get(customers.size() - 1).id()));
                        }))
                .onFailure(ctx::fail);
    }

    private Future<Set<String>> attributeKeys(Optional<UUID> after, Set<String> keys) {
        return blocking.transaction(dsl -> queries.attributeKeys(dsl, after, KEY_PAGE_SIZE)).compose(page -> {
            keys.addAll(page.keys());
            return page.last().isPresent() ? attributeKeys(page.last(), keys) : Future.succeededFuture(keys);
        });
    }
}
