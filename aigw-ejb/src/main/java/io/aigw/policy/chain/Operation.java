package io.aigw.policy.chain;

/** What a request asks the gateway to do; decides which steps apply and which role is needed. */
public enum Operation {
    CHAT("chat"),
    EMBEDDINGS("embeddings"),
    LIST_MODELS("models"),
    ADMIN("admin"),
    COMPLIANCE("compliance"),
    /** A Prometheus scrape of {@code /metrics}. */
    METRICS("metrics"),
    /** A request for no known operation (unknown path or method): audited and refused. */
    OTHER("other");

    private final String auditName;

    Operation(String auditName) {
        this.auditName = auditName;
    }

    /** The name written to the audit trail. */
    public String auditName() {
        return auditName;
    }

    /** Whether the operation addresses a model (and so passes the model allow-list). */
    public boolean addressesModel() {
        return this == CHAT || this == EMBEDDINGS;
    }
}
