package io.aigw.policy.budget;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One version of a model's price.
 *
 * @param model         the gateway model id it prices ({@code openai/gpt-4o-mini})
 * @param currency      ISO 4217
 * @param version       1, 2, ... per model and currency
 * @param effectiveFrom from when requests are charged at it
 * @param prices        the figures
 * @param createdAt     when it was stored (UTC)
 * @param retireAt      when the model retires, or {@code null}: routes announce it ({@code Deprecation},
 *                      {@code Sunset}) and skip the model after it
 */
public record PriceVersion(String model, String currency, int version, Instant effectiveFrom, PriceSpec prices,
                           LocalDateTime createdAt, Instant retireAt) {

    static PriceVersion of(Price p) {
        JsonObject spec = io.aigw.policy.quota.ScopedPolicyStore.parse(p.getSpec());
        PriceSpec prices = PriceSpec.parseFigures(spec, "", true);
        prices = new PriceSpec(prices.input(), prices.output(), prices.cachedInput(), prices.cacheWrite(),
                prices.reasoning(), prices.perRequest(), PriceSpec.parseTiers(spec));
        Instant retireAt = spec.get("retire_at") instanceof jakarta.json.JsonString r ? Instant.parse(r.getString())
                : null;
        return new PriceVersion(p.getModel(), p.getCurrency(), p.getVersion(),
                Instant.ofEpochMilli(p.getEffectiveFrom()), prices, p.getCreatedAt(), retireAt);
    }

    /** The document the admin API shows. */
    public JsonObject toJson() {
        JsonObjectBuilder b = prices.toJson().add("model", model).add("currency", currency).add("version", version)
                .add("effective_from", effectiveFrom.toString()).add("created_at", createdAt.toString() + "Z");
        if (retireAt != null) {
            b.add("retire_at", retireAt.toString());
        }
        return b.build();
    }
}
