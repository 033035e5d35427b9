package io.aigw.policy.budget;

import io.aigw.policy.quota.SpecFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tenant's or key's budget, as {@code PUT .../budget} takes it: a money amount in one currency and/or a number of
 * tokens per period.
 *
 * @param amount   the money budget, or {@code null}
 * @param currency its ISO 4217 code (required with an amount)
 * @param period   the period it resets with
 * @param zone     the time zone whose calendar the period follows
 * @param tokens   the token budget (input plus output), or {@code null}
 * @param alertAt  fractions of the budget at which alerts are recorded
 */
public record BudgetSpec(BigDecimal amount, String currency, BudgetPeriod period, ZoneId zone, Long tokens,
                         List<BigDecimal> alertAt) {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<String> FIELDS = Set.of("amount", "currency", "period", "time_zone", "tokens",
            "alert_at");

    public BudgetSpec {
        alertAt = alertAt == null ? List.of() : List.copyOf(alertAt);
    }

    /** Reads and checks a document; a 400 names the offending field. */
    public static BudgetSpec parse(JsonObject json) {
        SpecFields.only(json, "", FIELDS);
        BigDecimal amount = SpecFields.decimal(json, "amount", "");
        Long tokens = SpecFields.positive(json, "tokens", "", Long.MAX_VALUE / 4);
        if (amount == null && tokens == null) {
            throw SpecFields.invalid("amount", "A budget needs an 'amount' (with its 'currency'), 'tokens', or both.");
        }
        String currency = SpecFields.string(json, "currency", "", null);
        if (amount != null && (currency == null || !currency.matches("[A-Z]{3}"))) {
            throw SpecFields.invalid("currency", "'currency' must be an ISO 4217 code such as \"USD\" when an "
                    + "'amount' is given.");
        }
        if (amount == null && currency != null) {
            throw SpecFields.invalid("currency", "'currency' goes with an 'amount'.");
        }
        BudgetPeriod period;
        try {
            period = BudgetPeriod.of(SpecFields.string(json, "period", "", "month"));
        } catch (IllegalArgumentException e) {
            throw SpecFields.invalid("period", "'period' must be 'day', 'week', 'month' or 'total'.");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(SpecFields.string(json, "time_zone", "", "UTC"));
        } catch (DateTimeException e) {
            throw SpecFields.invalid("time_zone", "'time_zone' must be an IANA time zone such as \"Europe/Berlin\".");
        }
        return new BudgetSpec(amount, currency, period, zone, tokens, alerts(json));
    }

    private static List<BigDecimal> alerts(JsonObject json) {
        JsonValue v = json.get("alert_at");
        List<BigDecimal> out = new ArrayList<>();
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return out;
        }
        if (!(v instanceof JsonArray a) || a.size() > 10) {
            throw SpecFields.invalid("alert_at", "'alert_at' must be an array of at most 10 fractions.");
        }
        for (JsonValue x : a) {
            if (!(x instanceof JsonNumber n) || n.bigDecimalValue().signum() <= 0
                    || n.bigDecimalValue().compareTo(BigDecimal.ONE) > 0) {
                throw SpecFields.invalid("alert_at", "Each 'alert_at' entry is a fraction above 0 and at most 1.");
            }
            out.add(n.bigDecimalValue());
        }
        out.sort(null);
        return out;
    }

    /** The document form (what is stored and shown). */
    public JsonObject toJson() {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (amount != null) {
            b.add("amount", amount.toPlainString()).add("currency", currency);
        }
        if (tokens != null) {
            b.add("tokens", tokens);
        }
        JsonArrayBuilder alerts = JSON.createArrayBuilder();
        alertAt.forEach(alerts::add);
        return b.add("period", period.wireName()).add("time_zone", zone.getId()).add("alert_at", alerts).build();
    }
}
