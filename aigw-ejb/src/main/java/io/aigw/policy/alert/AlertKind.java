package io.aigw.policy.alert;

import java.util.Locale;

/** What an alert watches; its wire name is the {@code kind} of the admin API and part of the event's type. */
public enum AlertKind {
    /** A budget's {@code alert_at} fraction reached. */
    BUDGET,
    /** The share of failed requests (HTTP 5xx) over a window, absolute or against its baseline. */
    ERROR_RATE,
    /** p95 or mean latency over a window against its baseline. */
    LATENCY,
    /** One key's requests or tokens over a window against its baseline. */
    USAGE_JUMP;

    /** {@code budget}, {@code error_rate}, {@code latency}, {@code usage_jump}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Standard Webhooks event type, {@code aigw.alert.<kind>}. */
    public String eventType() {
        return "aigw.alert." + wireName();
    }

    /** The kind named {@code name}, or {@code null}. */
    public static AlertKind of(String name) {
        for (AlertKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
