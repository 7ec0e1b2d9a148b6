package org.opencem.core.customer.csv;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Principal;
import org.opencem.core.auth.Role;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.customer.IdentityNormalizer;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.Blocking;

/**
 * {@code POST /api/v1/imports/customers} (admin, integrator): a CSV file as the raw body ({@code text/csv},
 * streamed to a temporary file) or as the part {@code file} of a multipart form (with an optional JSON
 * part {@code mapping}); the column mapping may also be given as query parameters. Answers the import's
 * report. {@code GET /api/v1/exports/customers.csv} (admin, integrator, analyst): every customer, streamed.
 * Temporary files are deleted once the import ends, whatever its outcome.
 */
@Singleton
public final class CustomerCsvRoutes implements ApiRoutes {

    private static final String IMPORT_PATH = "/api/v1/imports/customers";
    private static final Set<String> CSV_TYPES = Set.of("text/csv", "application/csv", "text/plain");
    private static final String FILE = "opencem.csv.file";
    private static final String MAPPING = "opencem.csv.mapping";
    private static final long MAX_SILENCE_MILLIS = 10_000;

    private final Vertx vertx;
    private final Blocking blocking;
    private final IdentityNormalizer normalizer;
    private final CustomerCsvImport importer;
    private final CustomerCsvExport export;
    private final Path uploads;
    private final long maxUploadBytes;
    private final long silenceMillis;
    private final BodyHandler multipart;

    @Inject
    CustomerCsvRoutes(Vertx vertx, Blocking blocking, ServerConfig config, IdentityNormalizer normalizer,
                      CustomerCsvImport importer, CustomerCsvExport export) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.normalizer = normalizer;
        this.importer = importer;
        this.export = export;
        this.uploads = config.dataDir().toAbsolutePath().resolve("tmp");
        this.maxUploadBytes = config.imports().maxUploadBytes();
        this.silenceMillis = Math.min(MAX_SILENCE_MILLIS, config.http().idleTimeoutSeconds() * 1000L / 2);
        this.multipart = BodyHandler.create(uploads.toString()).setBodyLimit(maxUploadBytes)
                .setDeleteUploadedFilesOnEnd(true);
    }

    @Override
    public void mount(Router api) {
        api.post("/imports/customers").handler(Authenticator.allow(Role.ADMIN, Role.INTEGRATOR))
                .handler(this::receive).handler(this::importFile).failureHandler(CustomerCsvRoutes::discardBody);
        api.get("/exports/customers.csv").handler(Authenticator.allow(Role.ADMIN, Role.INTEGRATOR, Role.ANALYST))
                .handler(export::stream);
    }

    @Override
    public Set<String> streamedBodyPaths() {
        return Set.of(IMPORT_PATH);
    }

    /** Checks what can be checked before reading the body, then has the body read. */
    private void receive(RoutingContext ctx) {
        ctx.put(MAPPING, ColumnMapping.fromQuery(ctx.queryParams(), normalizer));
        String contentType = String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        String mediaType = contentType.split(";", 2)[0].strip();
        if (mediaType.equals("multipart/form-data")) {
            multipart.handle(ctx);
            return;
        }
        boolean utf8 = !contentType.contains("charset=") || contentType.matches(".*charset=\"?utf-8\"?.*");
        if (!CSV_TYPES.contains(mediaType) || !utf8) {
            throw ProblemException.of(415, "send the CSV file as text/csv (UTF-8), or as the part 'file' of"
                    + " multipart/form-data");
        }
        if (ctx.request().isEnded()) {
            throw ProblemException.badField("file", "is empty: send a CSV file with a header row");
        }
        BodyFile.receive(vertx, blocking, ctx.request(), uploads, maxUploadBytes).onSuccess(file -> {
            ctx.put(FILE, file);
            ctx.next();
        }).onFailure(ctx::fail);
    }

    private void importFile(RoutingContext ctx) {
        Principal actor = Authenticator.principal(ctx);
        Path streamed = ctx.get(FILE);
        PatientAnswer answer = new PatientAnswer(vertx, ctx, silenceMillis);
        Future.<Void>succeededFuture().compose(v -> streamed != null
                        ? importer.prepare(streamed, ctx.get(MAPPING))
                        : importer.prepare(multipartFile(ctx), multipartMapping(ctx)))
                .compose(file -> {
                    answer.start();
                    return importer.run(file, actor);
                })
                .eventually(() -> streamed == null ? Future.succeededFuture()
                        : blocking.run(() -> Files.deleteIfExists(streamed)))
                .onSuccess(answer::succeed)
                .onFailure(answer::fail);
    }

    private static Path multipartFile(RoutingContext ctx) {
        for (FileUpload upload : ctx.fileUploads()) {
            if (!upload.name().equals("file")) {
                throw ProblemException.badField(upload.name(), "is not a part of this form: send the CSV file as the"
                        + " part 'file' and the mapping as the form field 'mapping'");
            }
        }
        List<FileUpload> files = ctx.fileUploads();
        if (files.size() != 1) {
            throw ProblemException.badField("file", "send exactly one CSV file in the part 'file'");
        }
        return Path.of(files.get(0).uploadedFileName());
    }

    private ColumnMapping multipartMapping(RoutingContext ctx) {
        ColumnMapping query = ctx.get(MAPPING);
        String json = ctx.request().getFormAttribute("mapping");
        if (json == null || json.isBlank()) {
            return query;
        }
        if (!query.isByHeader()) {
            throw ProblemException.badField("mapping", "give the mapping either as query parameters or as the part"
                    + " 'mapping', not both");
        }
        return ColumnMapping.fromJson(json, normalizer);
    }

    /**
     * A failed import may leave its body unread and paused, which would stall the connection: read it to
     * the end and drop it (the idle deadline bounds how long a large one is read).
     */
    private static void discardBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            request.handler(buffer -> {
            });
            request.resume();
        }
        ctx.next();
    }
}
