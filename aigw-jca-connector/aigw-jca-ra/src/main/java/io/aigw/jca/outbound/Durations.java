package io.aigw.jca.outbound;

import java.time.Duration;
import java.util.Locale;

/** Parses connection-factory durations: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, ISO-8601 or plain milliseconds. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String property, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            if (v.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("connection factory property '" + property + "' has an invalid duration '"
                    + value + "' (use e.g. 500ms, 30s, 5m or PT30S)", e);
        }
    }
}
