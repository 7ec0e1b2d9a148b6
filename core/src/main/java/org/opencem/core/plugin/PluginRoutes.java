package org.opencem.core.plugin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Principal;
import org.opencem.core.auth.Role;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.ProblemException;
import org.opencem.core.http.Responses;
import org.opencem.core.store.Blocking;

/**
 * {@code /api/v1/plugins}: list, upload (multipart field {@code file}, or the raw zip with
 * {@code Content-Type: application/zip}), enable, disable, uninstall.
 */
@Singleton
public final class PluginRoutes implements ApiRoutes {

    /** The upload route, which gets the larger body limit. */
    public static final String UPLOAD_PATH = "/api/v1/plugins";

    private final PluginRuntime runtime;
    private final Blocking blocking;
    private final Path uploads;

    @Inject
    PluginRoutes(PluginRuntime runtime, Blocking blocking, ServerConfig config) {
        this.runtime = runtime;
        this.blocking = blocking;
        this.uploads = config.dataDir().toAbsolutePath().resolve("tmp");
    }

    @Override
    public void mount(Router api) {
        var manage = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR);
        api.get("/plugins").handler(manage).handler(ctx -> answer(ctx, 200, runtime.list()));
        api.post("/plugins").handler(manage).handler(this::upload);
        api.post("/plugins/:id/enable").handler(manage)
                .handler(ctx -> answer(ctx, 200, runtime.enable(ctx.pathParam("id"), Authenticator.principal(ctx))));
        api.post("/plugins/:id/disable").handler(manage)
                .handler(ctx -> answer(ctx, 200, runtime.disable(ctx.pathParam("id"), Authenticator.principal(ctx))));
        api.delete("/plugins/:id").handler(manage).handler(ctx -> runtime.uninstall(ctx.pathParam("id"),
                Authenticator.principal(ctx)).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail));
    }

    private void upload(RoutingContext ctx) {
        Principal actor = Authenticator.principal(ctx);
        String contentType = String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (contentType.startsWith("multipart/form-data")) {
            List<FileUpload> files = ctx.fileUploads().stream().filter(f -> "file".equals(f.name())).toList();
            if (files.size() != 1) {
                throw ProblemException.badField("file", "upload exactly one plugin zip in the form field 'file'");
            }
            answer(ctx, 201, runtime.install(Path.of(files.get(0).uploadedFileName()), actor));
        } else if (contentType.startsWith("application/zip") || contentType.startsWith("application/octet-stream")) {
            if (ctx.body() == null || ctx.body().length() == 0) {
                throw ProblemException.badField("file", "the request body is empty");
            }
            byte[] bytes = ctx.body().buffer().getBytes();
            blocking.run(() -> {
                Files.createDirectories(uploads);
                Path file = Files.createTempFile(uploads, "upload-", ".zip");
                Files.write(file, bytes);
                return file;
            }).compose(file -> runtime.install(file, actor).eventually(() -> blocking.run(() -> {
                Files.deleteIfExists(file);
                return null;
            }))).onSuccess(view -> Responses.json(ctx, 201, view)).onFailure(ctx::fail);
        } else {
            throw ProblemException.of(415, "send the plugin zip as multipart/form-data (field 'file') or as"
                    + " application/zip");
        }
    }

    private static void answer(RoutingContext ctx, int status, Future<?> result) {
        result.onSuccess(value -> Responses.json(ctx, status, value)).onFailure(ctx::fail);
    }
}
