package io.aigw.policy.tracing;

import java.util.List;
import java.util.Map;

/**
 * Encodes spans as an OTLP {@code ExportTraceServiceRequest} (opentelemetry/proto/collector/trace/v1): one resource
 * (the gateway server), one instrumentation scope ({@code io.aigw}), the spans with their attributes and status.
 */
final class OtlpTraceEncoder {

    private OtlpTraceEncoder() {
    }

    static byte[] encode(Map<String, String> resource, String scopeVersion, List<SpanRecord> spans) {
        ProtoWriter res = new ProtoWriter();
        resource.forEach((k, v) -> res.message(1, keyValue(k, v)));
        ProtoWriter scopeSpans = new ProtoWriter()
                .message(1, new ProtoWriter().string(1, "io.aigw").string(2, scopeVersion));
        for (SpanRecord s : spans) {
            scopeSpans.message(2, span(s));
        }
        ProtoWriter resourceSpans = new ProtoWriter().message(1, res).message(2, scopeSpans);
        return new ProtoWriter().message(1, resourceSpans).toByteArray();
    }

    private static ProtoWriter span(SpanRecord s) {
        ProtoWriter w = new ProtoWriter().bytes(1, ProtoWriter.hex(s.traceId)).bytes(2, ProtoWriter.hex(s.spanId));
        if (s.traceState != null && !s.traceState.isEmpty()) {
            w.string(3, s.traceState);
        }
        if (s.parentSpanId != null) {
            w.bytes(4, ProtoWriter.hex(s.parentSpanId));
        }
        w.string(5, s.name).varint(6, s.kind).fixed64(7, s.startEpochNanos).fixed64(8, s.endEpochNanos);
        for (Object[] a : s.attributes) {
            w.message(9, keyValue((String) a[0], a[1]));
        }
        if (s.error) {
            ProtoWriter status = new ProtoWriter();
            if (s.errorMessage != null) {
                status.string(2, s.errorMessage);
            }
            w.message(15, status.varint(3, 2));
        }
        return w;
    }

    private static ProtoWriter keyValue(String key, Object value) {
        return new ProtoWriter().string(1, key).message(2, anyValue(value));
    }

    private static ProtoWriter anyValue(Object v) {
        ProtoWriter w = new ProtoWriter();
        if (v instanceof Boolean b) {
            return w.varint(2, b ? 1 : 0);
        }
        if (v instanceof Integer || v instanceof Long) {
            return w.varint(3, ((Number) v).longValue());
        }
        if (v instanceof Double d) {
            return w.doubleValue(4, d);
        }
        if (v instanceof List<?> list) {
            ProtoWriter array = new ProtoWriter();
            list.forEach(e -> array.message(1, anyValue(e)));
            return w.message(5, array);
        }
        return w.string(1, String.valueOf(v));
    }
}
