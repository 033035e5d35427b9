package io.aigw.policy.tracing;

import java.util.ArrayList;
import java.util.List;

/**
 * One finished or running span as OTLP describes it: ids, name, kind, times (Unix nanoseconds), attributes (string,
 * long, double, boolean or list of strings) and an error status.
 */
public final class SpanRecord {

    /** OTLP span kinds. */
    public static final int SERVER = 2;
    public static final int CLIENT = 3;

    final String traceId;
    final String spanId;
    final String parentSpanId;
    final String traceState;
    String name;
    final int kind;
    final long startEpochNanos;
    long endEpochNanos;
    final List<Object[]> attributes = new ArrayList<>(16);
    String errorMessage;
    boolean error;

    SpanRecord(String traceId, String spanId, String parentSpanId, String traceState, String name, int kind,
               long startEpochNanos) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.parentSpanId = parentSpanId;
        this.traceState = traceState;
        this.name = name;
        this.kind = kind;
        this.startEpochNanos = startEpochNanos;
    }

    /** Adds an attribute; a {@code null} value is left out. */
    public SpanRecord attribute(String key, Object value) {
        if (value != null) {
            attributes.add(new Object[]{key, value});
        }
        return this;
    }

    /** Names the span (once what it did is known). */
    public SpanRecord name(String spanName) {
        name = spanName;
        return this;
    }

    /** Marks the span failed. */
    public SpanRecord error(String message) {
        error = true;
        errorMessage = message;
        return this;
    }

    void end(long epochNanos) {
        endEpochNanos = Math.max(startEpochNanos, epochNanos);
    }
}
