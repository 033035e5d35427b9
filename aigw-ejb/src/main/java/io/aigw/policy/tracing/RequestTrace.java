package io.aigw.policy.tracing;

/**
 * A request's place in its trace: the trace (the caller's, or a new one), the request's own span id, whether the
 * trace is sampled, the caller's {@code tracestate}, and the span being recorded ({@code null} when nothing is
 * exported or the trace is not sampled).
 */
public record RequestTrace(String traceId, String spanId, boolean sampled, String traceState, SpanRecord span) {

    /** The {@code traceparent} of a call this request makes under {@code childSpanId}. */
    public String childHeader(String childSpanId) {
        return new TraceParent(traceId, childSpanId, sampled).header();
    }
}
