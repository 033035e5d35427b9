package io.aigw.policy.budget;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

/** One version of a model's price in one currency, as stored (never changed once written). */
@Entity
@Table(name = "AIGW_PRICE")
@IdClass(Price.PriceId.class)
@NamedQuery(name = "Price.all", query = "SELECT p FROM Price p ORDER BY p.model, p.currency, p.version")
@NamedQuery(name = "Price.lastVersion",
        query = "SELECT MAX(p.version) FROM Price p WHERE p.model = :model AND p.currency = :currency")
public class Price {

    @Id
    @Column(name = "MODEL", length = 300)
    private String model;

    @Id
    @Column(name = "CURRENCY", length = 3)
    private String currency;

    @Id
    @Column(name = "VERSION")
    private int version;

    @Column(name = "EFFECTIVE_FROM", nullable = false)
    private long effectiveFrom;

    @Column(name = "SPEC", length = 4000, nullable = false)
    private String spec;

    @Column(name = "CREATED_AT", nullable = false)
    private LocalDateTime createdAt;

    protected Price() {
    }

    Price(String model, String currency, int version, long effectiveFrom, String spec, LocalDateTime createdAt) {
        this.model = model;
        this.currency = currency;
        this.version = version;
        this.effectiveFrom = effectiveFrom;
        this.spec = spec;
        this.createdAt = createdAt;
    }

    public String getModel() { return model; }
    public String getCurrency() { return currency; }
    public int getVersion() { return version; }
    public long getEffectiveFrom() { return effectiveFrom; }
    public String getSpec() { return spec; }
    public LocalDateTime getCreatedAt() { return createdAt; }

    /** The composite primary key. */
    public static class PriceId implements Serializable {
        private static final long serialVersionUID = 1L;
        private String model;
        private String currency;
        private int version;

        public PriceId() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PriceId p && Objects.equals(model, p.model) && Objects.equals(currency, p.currency)
                    && version == p.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(model, currency, version);
        }
    }
}
