package io.aigw.policy.guardrail;

import java.util.Locale;

/** What a rule does when it matches. */
public enum GuardrailAction {
    /** Replace each match with a typed placeholder before the provider (or the caller) sees it. */
    REDACT,
    /** Refuse the request (400 {@code guardrail_blocked}) or end the stream. */
    BLOCK,
    /** Serve the request only on connections marked {@code dataLocality="local"}; refuse when none can. */
    ROUTE_LOCAL,
    /** Record the match in the audit record and the response header; change nothing. */
    FLAG;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static GuardrailAction of(String wire) {
        for (GuardrailAction a : values()) {
            if (a.wireName().equals(wire)) {
                return a;
            }
        }
        return null;
    }
}
