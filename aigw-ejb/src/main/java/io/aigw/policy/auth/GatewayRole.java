package io.aigw.policy.auth;

import java.util.Locale;

/** What a key may do beyond calling models. */
public enum GatewayRole {
    /** Calls models (every key but a metrics-only key). */
    USER,
    /** Reads {@code /metrics} (what Prometheus scrapes with). */
    METRICS,
    /** Reads the audit trail of its own tenant. */
    COMPLIANCE,
    /** Reads the audit trail of every tenant. */
    AUDITOR,
    /** Manages keys and everything else; reads the audit trail of every tenant. */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a wire name; {@link IllegalArgumentException} if unknown. */
    public static GatewayRole of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
