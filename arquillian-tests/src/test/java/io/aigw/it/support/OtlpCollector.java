package io.aigw.it.support;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An OTLP/HTTP trace collector in the test JVM: accepts {@code POST /v1/traces} in {@code application/x-protobuf},
 * decodes each export with the official OpenTelemetry proto classes (a body they cannot read is a 400, as a real
 * collector answers) and keeps the spans with their resource.
 */
public final class OtlpCollector implements AutoCloseable {

    /** A received span and the resource it came with. */
    public record Received(ResourceSpans resource, Span span) {

        public String traceId() {
            return HexFormat.of().formatHex(span.getTraceId().toByteArray());
        }

        public String spanId() {
            return HexFormat.of().formatHex(span.getSpanId().toByteArray());
        }

        public String parentSpanId() {
            return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
        }

        /** An attribute's value as text (strings as they are, numbers and booleans printed, arrays as [a, b]). */
        public String attribute(String key) {
            return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
                    .map(kv -> text(kv.getValue())).orElse(null);
        }

        private static String text(io.opentelemetry.proto.common.v1.AnyValue v) {
            return switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> Long.toString(v.getIntValue());
                case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
                case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(Received::text).toList().toString();
                default -> v.toString();
            };
        }
    }

    private final HttpServer server;
    private final List<Received> spans = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    public OtlpCollector(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                ExportTraceServiceRequest request;
                try {
                    request = ExportTraceServiceRequest.parseFrom(body);
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                for (ResourceSpans rs : request.getResourceSpansList()) {
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        ss.getSpansList().forEach(s -> spans.add(new Received(rs, s)));
                    }
                }
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Waits until at least {@code count} spans of the trace have arrived; returns those there are by then. */
    public List<Received> await(String traceId, int count, Duration timeout) {
        return Poll.last(timeout, () -> trace(traceId), of -> of.size() >= count);
    }

    /** The spans of the trace received so far. */
    public List<Received> trace(String traceId) {
        List<Received> out = new ArrayList<>();
        for (Received r : spans) {
            if (r.traceId().equals(traceId)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every span received that matches. */
    public List<Received> matching(Predicate<Received> p) {
        return spans.stream().filter(p).toList();
    }

    /** The {@code Content-Type} of every export received. */
    public List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
