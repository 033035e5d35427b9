package io.aigw.policy.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exporter against a collector over real HTTP: batching, the bounded queue, the last export on stop. */
class OtlpExporterTest {

    private HttpServer collector;
    private final List<Integer> exports = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            exports.add(ExportTraceServiceRequest.parseFrom(body).getResourceSpans(0).getScopeSpans(0).getSpansCount());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        endpoint = URI.create("http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
    }

    @AfterEach
    void stop() {
        collector.stop(0);
    }

    @Test
    void aFullBatchIsSentWithoutWaitingForTheInterval() {
        OtlpExporter exporter = new OtlpExporter(endpoint, Map.of(), Map.of("service.name", "aigw"),
                Duration.ofMinutes(10), 4096);
        for (int i = 0; i < 2 * OtlpExporter.MAX_BATCH; i++) {
            exporter.offer(span(i));
        }
        assertThat(await(() -> exporter.exported() == 2L * OtlpExporter.MAX_BATCH)).isTrue();
        assertThat(exports).containsOnly(OtlpExporter.MAX_BATCH).hasSizeLessThanOrEqualTo(2);
        assertThat(contentTypes).containsOnly("application/x-protobuf");
        exporter.stop();
    }

    @Test
    void aFullQueueDropsNewSpansAndStopSendsWhatIsQueued() {
        OtlpExporter exporter = new OtlpExporter(endpoint, Map.of(), Map.of("service.name", "aigw"),
                Duration.ofMinutes(10), 64);
        for (int i = 0; i < 100; i++) {
            exporter.offer(span(i));
        }
        assertThat(exporter.dropped()).isEqualTo(36);
        assertThat(exports).isEmpty();
        exporter.stop();
        assertThat(await(() -> exporter.exported() == 64)).isTrue();
        assertThat(exports).containsExactly(64);
    }

    @Test
    void aCollectorThatRefusesCountsTheBatchAsDropped() {
        collector.removeContext("/v1/traces");
        OtlpExporter exporter = new OtlpExporter(endpoint, Map.of(), Map.of(), Duration.ofMillis(50), 4096);
        exporter.offer(span(1));
        exporter.offer(span(2));
        assertThat(await(() -> exporter.dropped() == 2)).isTrue();
        assertThat(exporter.exported()).isZero();
        exporter.stop();
    }

    private static SpanRecord span(int i) {
        SpanRecord s = new SpanRecord(TraceParent.newTraceId(), TraceParent.newSpanId(), null, null, "chat m" + i,
                SpanRecord.SERVER, 1_000L * i);
        s.end(1_000L * i + 500);
        return s;
    }

    private static boolean await(BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return true;
    }
}
