package org.opencem.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The baseline of the startup benchmark: a Vert.x HTTP server with nothing else (no router, no DI,
 * no store, no plugins). It answers {@code /health/ready} with the same {@code "status":"UP"} body
 * the probe waits for on OpenCEM, and {@code 200 ok} on any other path, so both servers are judged
 * ready by the same test.
 *
 * <p>Usage: {@code java -cp ... org.opencem.bench.BareHelloServer PORT [HOST]} (host defaults to
 * 127.0.0.1). Stops on SIGTERM through the JVM's normal shutdown.
 */
public final class BareHelloServer {

  private BareHelloServer() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: BareHelloServer PORT [HOST]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String host = args.length > 1 ? args[1] : "127.0.0.1";
    long started = System.nanoTime();
    Vertx vertx = Vertx.vertx();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  if (request.path().equals("/health/ready")) {
                    request
                        .response()
                        .putHeader("content-type", "application/json")
                        .end("{\"status\":\"UP\"}");
                  } else {
                    request.response().putHeader("content-type", "text/plain").end("ok");
                  }
                });
    server
        .listen(port, host)
        .onSuccess(
            s ->
                System.out.printf(
                    "bare Vert.x ready on http://%s:%d in %d ms%n",
                    host, s.actualPort(), (System.nanoTime() - started) / 1_000_000))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }
}
