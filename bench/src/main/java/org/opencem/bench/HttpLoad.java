package org.opencem.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * HTTP/1.1 load on keep-alive connections from Vert.x's client, on as few event loops as asked (one by default):
 * closed-loop saturation (each connection sends its next request as soon as the answer came) and open-loop fixed
 * rate (requests sent on a schedule whatever the answers, latency counted from the scheduled time, so a server
 * that falls behind shows its queueing instead of slowing the client down: no coordinated omission).
 */
final class HttpLoad implements AutoCloseable {

    /**
     * One kind of request.
     *
     * @param options method, path and headers
     * @param body the body of request number n, or null for none
     * @param accept whether a status and body are the expected answer
     */
    record Route(RequestOptions options, LongFunction<Buffer> body, Acceptance accept) {
    }

    /** Tells an expected answer from an error. */
    @FunctionalInterface
    interface Acceptance {
        boolean test(int status, Buffer body);
    }

    /**
     * What a run measured.
     *
     * @param requests answered requests, expected or not, within the window
     * @param errors answers that were not the expected one, or failures
     * @param seconds the window
     * @param latencies of every answered request
     * @param firstErrors a few error descriptions
     */
    record Result(long requests, long errors, double seconds, Latencies latencies, List<String> firstErrors) {

        /** @return answered requests per second */
        double perSecond() {
            return requests / seconds;
        }
    }

    private final Vertx vertx;
    private final List<Context> loops = new ArrayList<>();
    private final String host;
    private final int port;

    /**
     * @param host the server's host
     * @param port its port
     * @param eventLoops client event loops
     */
    HttpLoad(String host, int port, int eventLoops) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.host = host;
        this.port = port;
        for (int i = 0; i < eventLoops; i++) {
            loops.add(vertx.getOrCreateContext()); // one context per event loop, round robin
        }
    }

    /** The measurement of one run, shared by the event loops taking part in it. */
    private final class Run {
        final Route route;
        final HttpClientAgent client;
        final long endNanos;
        final long limit;
        final AtomicLong next = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final List<Latencies> latencies = new CopyOnWriteArrayList<>();
        final List<String> firstErrors = new CopyOnWriteArrayList<>();

        Run(Route route, int connections, long endNanos, long limit) {
            this.route = route;
            this.limit = limit;
            this.client = vertx.createHttpClient(new HttpClientOptions()
                            .setDefaultHost(host)
                            .setDefaultPort(port)
                            .setKeepAlive(true)
                            .setPipelining(false)
                            .setTcpNoDelay(true),
                    new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
            this.endNanos = endNanos;
        }

        /** Sends request number n; completes with true when the answer was the expected one. */
        Future<Boolean> send(long n) {
            Buffer body = route.body().apply(n);
            return client.request(route.options())
                    .compose(request -> body == null ? request.send() : request.send(body))
                    .compose(response -> response.body().map(answer -> check(response, answer)));
        }

        private boolean check(HttpClientResponse response, Buffer answer) {
            boolean expected = route.accept().test(response.statusCode(), answer);
            if (!expected && firstErrors.size() < 5) {
                firstErrors.add(response.statusCode() + " " + answer.toString().substring(0,
                        Math.min(300, answer.length())));
            }
            return expected;
        }

        void answered(Latencies recorder, long sentNanos, boolean expected, Throwable failure) {
            long now = System.nanoTime();
            if (now > endNanos) {
                return;
            }
            requests.incrementAndGet();
            recorder.record((now - sentNanos) / 1_000);
            if (!expected) {
                errors.incrementAndGet();
                if (failure != null && firstErrors.size() < 5) {
                    firstErrors.add(failure.toString());
                }
            }
        }

        Result result(double seconds) throws TimeoutException {
            Latencies all = new Latencies();
            latencies.forEach(all::addAll);
            client.close().await(10, TimeUnit.SECONDS);
            return new Result(requests.get(), errors.get(), seconds, all, List.copyOf(firstErrors));
        }
    }

    /**
     * Keeps {@code connections} requests in flight for the duration, or until {@code limit} requests were sent.
     *
     * @return the answers counted over the duration
     */
    Result saturate(Route route, int connections, Duration duration, long limit) throws Exception {
        long start = System.nanoTime();
        Run run = new Run(route, connections, start + duration.toNanos(), limit);
        List<Future<Void>> users = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Context loop = loops.get(i % loops.size());
            Latencies recorder = new Latencies();
            run.latencies.add(recorder);
            Promise<Void> done = Promise.promise();
            loop.runOnContext(v -> sendUntilEnd(run, recorder, done));
            users.add(done.future());
        }
        Future.all(users).await(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        return run.result(Math.min(duration.toNanos(), System.nanoTime() - start) / 1e9);
    }

    private void sendUntilEnd(Run run, Latencies recorder, Promise<Void> done) {
        long n = run.next.getAndIncrement();
        if (System.nanoTime() >= run.endNanos || n >= run.limit) {
            done.complete();
            return;
        }
        long sent = System.nanoTime();
        run.send(n).onComplete(answer -> {
            run.answered(recorder, sent, answer.succeeded() && answer.result(), answer.cause());
            sendUntilEnd(run, recorder, done);
        });
    }

    /**
     * Sends requests at a fixed rate for the duration, on up to {@code maxConnections} connections (more requests
     * due wait in the client's queue, which counts in their latency).
     *
     * @param perSecond requests per second, spread over the event loops
     * @return the answers, with latencies from each request's scheduled time
     */
    Result fixedRate(Route route, double perSecond, Duration duration, int maxConnections) throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Run run = new Run(route, maxConnections, end + TimeUnit.SECONDS.toNanos(30), Long.MAX_VALUE);
        double loopRate = perSecond / loops.size();
        List<Future<Void>> schedules = new ArrayList<>();
        for (Context loop : loops) {
            Latencies recorder = new Latencies();
            run.latencies.add(recorder);
            Promise<Void> done = Promise.promise();
            AtomicLong scheduled = new AtomicLong();
            AtomicLong outstanding = new AtomicLong();
            loop.runOnContext(v -> vertx.setPeriodic(1, timer -> {
                long now = Math.min(System.nanoTime(), end);
                long due = (long) ((now - start) / 1e9 * loopRate);
                for (long i = scheduled.get(); i < due; i++) {
                    long at = start + (long) (i / loopRate * 1e9);
                    outstanding.incrementAndGet();
                    run.send(run.next.getAndIncrement()).onComplete(answer -> {
                        run.answered(recorder, at, answer.succeeded() && answer.result(), answer.cause());
                        if (outstanding.decrementAndGet() == 0 && System.nanoTime() >= end) {
                            done.tryComplete();
                        }
                    });
                }
                scheduled.set(due);
                if (now >= end) {
                    vertx.cancelTimer(timer);
                    if (outstanding.get() == 0) {
                        done.tryComplete();
                    }
                }
            }));
            schedules.add(done.future());
        }
        Future.all(schedules).await(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        return run.result(duration.toNanos() / 1e9);
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
