package io.aigw.policy.guardrail.pii;

import java.util.Optional;

/** The kinds of personal or secret data the {@link PiiScanner} recognises, each with its configuration name. */
public enum PiiEntity {

    /** An e-mail address. */
    EMAIL("email", "EMAIL"),
    /** A telephone number in E.164 or a common national format. */
    PHONE("phone", "PHONE"),
    /** A payment card number that passes the Luhn check and has a known issuer prefix. */
    CREDIT_CARD("credit_card", "CREDIT_CARD"),
    /** An international bank account number with a valid check sum. */
    IBAN("iban", "IBAN"),
    /** An IPv4 or IPv6 address. */
    IP_ADDRESS("ip_address", "IP_ADDRESS"),
    /** An API key or access token of a major provider. */
    API_KEY("api_key", "API_KEY"),
    /** A PEM-encoded private key block. */
    PRIVATE_KEY("private_key", "PRIVATE_KEY"),
    /** A United States social security number. */
    US_SSN("us_ssn", "US_SSN");

    private final String wireName;
    private final String label;

    PiiEntity(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The name configurations use for this entity, e.g. {@code credit_card}. */
    public String wireName() {
        return wireName;
    }

    /** The label a redaction placeholder carries for this entity, e.g. {@code CREDIT_CARD}. */
    public String label() {
        return label;
    }

    /**
     * The entity a configuration names.
     *
     * @param wireName the configuration name, exactly as {@link #wireName()} spells it; may be {@code null}
     * @return the entity, or empty when the name is {@code null} or unknown
     */
    public static Optional<PiiEntity> byWireName(String wireName) {
        if (wireName != null) {
            for (PiiEntity entity : values()) {
                if (entity.wireName.equals(wireName)) {
                    return Optional.of(entity);
                }
            }
        }
        return Optional.empty();
    }
}
