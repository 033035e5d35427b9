package io.aigw.policy.tracing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent}: version {@code 00}, a 16-byte trace id and an 8-byte span id (lowercase
 * hex, not all zero) and the flags, of which the gateway reads {@code sampled}.
 *
 * @param traceId 32 lowercase hex digits
 * @param spanId  16 lowercase hex digits
 * @param sampled whether the caller records this trace
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

    /**
     * The header's context, or {@code null} when it is missing or malformed (then the gateway starts a new trace, as
     * the specification asks). A future version is read for the fields version {@code 00} defines.
     */
    public static TraceParent parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.length() < 55 || h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') {
            return null;
        }
        String version = h.substring(0, 2);
        if (!hex(version) || version.equals("ff") || (version.equals("00") && h.length() != 55)
                || (!version.equals("00") && h.length() > 55 && h.charAt(55) != '-')) {
            return null;
        }
        String traceId = h.substring(3, 35);
        String spanId = h.substring(36, 52);
        String flags = h.substring(53, 55);
        if (!hex(traceId) || !hex(spanId) || !hex(flags) || zero(traceId) || zero(spanId)) {
            return null;
        }
        return new TraceParent(traceId, spanId, (Integer.parseInt(flags, 16) & 1) == 1);
    }

    /** The header for this context. */
    public String header() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** The same trace, another span. */
    public TraceParent withSpan(String span) {
        return new TraceParent(traceId, span, sampled);
    }

    /** A random trace id. */
    public static String newTraceId() {
        return randomHex(32);
    }

    /** A random span id. */
    public static String newSpanId() {
        return randomHex(16);
    }

    private static String randomHex(int digits) {
        StringBuilder b = new StringBuilder(digits);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (b.length() < digits) {
            long v = r.nextLong();
            for (int i = 0; i < 16 && b.length() < digits; i++) {
                b.append(Character.forDigit((int) (v >>> (i * 4)) & 0xf, 16));
            }
        }
        String s = b.toString();
        return zero(s) ? randomHex(digits) : s;
    }

    private static boolean hex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zero(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
