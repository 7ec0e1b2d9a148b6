package org.opencem.core.customer.csv;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.Blocking;

/**
 * Streams a request's body into a new temporary file, with backpressure (the request is paused while the
 * file catches up), so an upload is never held in memory. The request must arrive paused and unread.
 */
final class BodyFile {

    private BodyFile() {
    }

    /**
     * @param vertx the Vert.x instance
     * @param blocking runs the file creation off the event loop
     * @param request the paused, unread request
     * @param dir where to create the file
     * @param maxBytes the largest body accepted
     * @return the file once the whole body is in it; on failure, the file is already deleted
     * @throws ProblemException (failing the future) 413 when the body is larger than {@code maxBytes}
     */
    static Future<Path> receive(Vertx vertx, Blocking blocking, HttpServerRequest request, Path dir, long maxBytes) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > maxBytes) {
            return Future.failedFuture(tooLarge(maxBytes));
        }
        return blocking.run(() -> {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "import-", ".csv");
        }).compose(path -> vertx.fileSystem().open(path.toString(), new OpenOptions().setWrite(true))
                .compose(file -> copy(request, file, maxBytes))
                .map(path)
                .recover(failure -> blocking.run(() -> Files.deleteIfExists(path))
                        .transform(deleted -> Future.failedFuture(failure))));
    }

    private static Future<Void> copy(HttpServerRequest request, AsyncFile file, long maxBytes) {
        Promise<Void> copied = Promise.promise();
        long[] received = {0};
        file.exceptionHandler(copied::tryFail);
        request.exceptionHandler(copied::tryFail);
        request.handler(buffer -> {
            received[0] += buffer.length();
            if (received[0] > maxBytes) {
                request.handler(null);
                copied.tryFail(tooLarge(maxBytes));
                return;
            }
            file.write(buffer);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(v -> request.resume());
            }
        });
        request.endHandler(v -> copied.tryComplete());
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        request.resume();
        return copied.future().transform(done -> file.close().transform(closed -> {
            if (done.failed()) {
                return Future.failedFuture(done.cause());
            }
            return closed.succeeded() ? Future.succeededFuture() : Future.failedFuture(closed.cause());
        }));
    }

    private static ProblemException tooLarge(long maxBytes) {
        return ProblemException.of(413, "the file is larger than imports.maxUploadBytes (" + maxBytes + " bytes)");
    }
}
