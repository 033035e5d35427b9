package io.aigw.jca.api;

/**
 * The W3C Trace Context of the upstream call the current thread is making: the gateway sets it around each attempt,
 * and the resource adapter sends it upstream as {@code traceparent} (and {@code tracestate}) headers, so that a
 * provider that traces (a self-hosted vLLM or Ollama behind a collector, say) joins the caller's trace. Calls are
 * made on the thread that asks for them, so a thread-local carries it without widening every request type.
 */
public final class UpstreamTraceContext {

    private static final ThreadLocal<String[]> CURRENT = new ThreadLocal<>();

    private UpstreamTraceContext() {
    }

    /** Sets the context of the call about to be made on this thread; {@code traceState} may be {@code null}. */
    public static void set(String traceParent, String traceState) {
        CURRENT.set(new String[]{traceParent, traceState});
    }

    /** Forgets the context once the call is over. */
    public static void clear() {
        CURRENT.remove();
    }

    /** The {@code traceparent} header of the current call, or {@code null}. */
    public static String traceParent() {
        String[] c = CURRENT.get();
        return c == null ? null : c[0];
    }

    /** The {@code tracestate} header of the current call, or {@code null}. */
    public static String traceState() {
        String[] c = CURRENT.get();
        return c == null ? null : c[1];
    }
}
