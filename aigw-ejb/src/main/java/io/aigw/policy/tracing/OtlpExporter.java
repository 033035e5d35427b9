package io.aigw.policy.tracing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends finished spans to an OTLP/HTTP collector ({@code application/x-protobuf}) from one background thread: every
 * export interval, or as soon as {@value #MAX_BATCH} spans are waiting, it sends what is queued in batches of at most
 * {@value #MAX_BATCH} (so a busy gateway makes a few exports a second, not one per request). The queue is bounded: when the collector is slow or
 * gone, new spans are dropped and counted, and requests never wait for tracing. A failed export is not retried (the
 * spans are counted as dropped); failures are logged at most once a minute.
 */
final class OtlpExporter {

    private static final Logger LOG = Logger.getLogger(OtlpExporter.class.getName());
    static final int MAX_BATCH = 512;

    private final URI endpoint;
    private final Map<String, String> headers;
    private final Map<String, String> resource;
    private final Duration interval;
    private final BlockingQueue<SpanRecord> queue;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final LongAdder exported = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong offered = new java.util.concurrent.atomic.AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private long lastWarning;

    OtlpExporter(URI endpoint, Map<String, String> headers, Map<String, String> resource, Duration interval,
                 int queueSize) {
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
        this.resource = resource;
        this.interval = interval;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.thread = new Thread(this::run, "aigw-otlp-exporter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a finished span; drops it when the queue is full. */
    void offer(SpanRecord span) {
        if (!queue.offer(span)) {
            dropped.increment();
        } else if (offered.incrementAndGet() % MAX_BATCH == 0) {
            java.util.concurrent.locks.LockSupport.unpark(thread);
        }
    }

    long exported() {
        return exported.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    /** Stops the thread once it has sent what is queued (best effort: one more round of exports). */
    void stop() {
        running = false;
        java.util.concurrent.locks.LockSupport.unpark(thread);
    }

    private void run() {
        List<SpanRecord> batch = new ArrayList<>(MAX_BATCH);
        boolean last = false;
        while (!last) {
            java.util.concurrent.locks.LockSupport.parkNanos(this, interval.toNanos());
            last = !running;
            try {
                while (queue.drainTo(batch, MAX_BATCH) > 0) {
                    send(batch);
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<SpanRecord> batch) throws InterruptedException {
        byte[] body = OtlpTraceEncoder.encode(resource, OtlpExporter.class.getPackage().getImplementationVersion()
                == null ? "" : OtlpExporter.class.getPackage().getImplementationVersion(), batch);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
                exported.add(batch.size());
                return;
            }
            warn("the collector answered " + r.statusCode(), null);
        } catch (java.io.IOException | IllegalArgumentException e) {
            warn(e.toString(), null);
        }
        dropped.add(batch.size());
    }

    private void warn(String why, Throwable t) {
        long now = System.nanoTime();
        if (lastWarning == 0 || now - lastWarning > TimeUnit.MINUTES.toNanos(1)) {
            lastWarning = now;
            LOG.log(Level.WARNING, "Spans could not be exported to " + endpoint.getHost() + ": " + why
                    + " (dropped; this warning repeats at most once a minute)", t);
        }
    }
}
