package io.aigw.policy.budget;

import io.aigw.jca.api.Usage;
import io.aigw.policy.quota.SpecFields;
import io.aigw.policy.quota.TokenEstimate;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A model's price in one currency, per million tokens of each type, plus a price per request; tiers replace the
 * figures they name when a request's input exceeds their threshold (as some providers price long prompts). Cached
 * input, cache writes and reasoning default to the input and output prices when not given.
 *
 * @param input        uncached input tokens
 * @param output       generated tokens other than reasoning
 * @param cachedInput  input tokens read from the provider's cache
 * @param cacheWrite   input tokens written to the provider's cache
 * @param reasoning    reasoning tokens
 * @param perRequest   a fixed price per request
 * @param tiers        by ascending threshold
 */
public record PriceSpec(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
                        BigDecimal reasoning, BigDecimal perRequest, List<Tier> tiers) {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    /** Costs are kept to a billionth of the currency unit. */
    public static final int SCALE = 9;
    static final Set<String> FIGURES = Set.of("input_per_million", "output_per_million", "cached_input_per_million",
            "cache_write_per_million", "reasoning_per_million", "per_request");

    /**
     * Figures that apply above an input size; {@code null} figures keep the base price.
     *
     * @param aboveInputTokens the threshold
     * @param prices           the figures that change
     */
    public record Tier(long aboveInputTokens, PriceSpec prices) {
    }

    public PriceSpec {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }

    /** Reads the figures of a price document ({@code where} prefixes field names in errors). */
    static PriceSpec parseFigures(JsonObject json, String where, boolean requireBase) {
        BigDecimal in = SpecFields.decimal(json, "input_per_million", where);
        BigDecimal out = SpecFields.decimal(json, "output_per_million", where);
        if (requireBase && (in == null || out == null)) {
            throw SpecFields.invalid(in == null ? "input_per_million" : "output_per_million", "A price needs "
                    + "'input_per_million' and 'output_per_million' (decimal strings).");
        }
        return new PriceSpec(in, out, SpecFields.decimal(json, "cached_input_per_million", where),
                SpecFields.decimal(json, "cache_write_per_million", where),
                SpecFields.decimal(json, "reasoning_per_million", where),
                SpecFields.decimal(json, "per_request", where), null);
    }

    /** Reads the tiers of a price document. */
    static List<Tier> parseTiers(JsonObject json) {
        JsonValue v = json.get("tiers");
        List<Tier> tiers = new ArrayList<>();
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return tiers;
        }
        if (!(v instanceof JsonArray a) || a.size() > 10) {
            throw SpecFields.invalid("tiers", "'tiers' must be an array of at most 10 objects.");
        }
        for (int i = 0; i < a.size(); i++) {
            String where = "tiers[" + i + "].";
            if (!(a.get(i) instanceof JsonObject t)) {
                throw SpecFields.invalid("tiers", "'" + where + "' must be an object.");
            }
            Set<String> known = new java.util.HashSet<>(FIGURES);
            known.add("above_input_tokens");
            SpecFields.only(t, where, known);
            Long above = SpecFields.positive(t, "above_input_tokens", where, 1_000_000_000);
            if (above == null) {
                throw SpecFields.invalid(where + "above_input_tokens", "'" + where + "above_input_tokens' is "
                        + "required.");
            }
            tiers.add(new Tier(above, parseFigures(t, where, false)));
        }
        tiers.sort(java.util.Comparator.comparingLong(Tier::aboveInputTokens));
        return tiers;
    }

    /** The figures in force for a request with {@code inputTokens} of input. */
    PriceSpec forInput(long inputTokens) {
        PriceSpec p = this;
        for (Tier t : tiers) {
            if (inputTokens > t.aboveInputTokens()) {
                p = p.overlay(t.prices());
            }
        }
        return p;
    }

    private PriceSpec overlay(PriceSpec t) {
        return new PriceSpec(or(t.input, input), or(t.output, output), or(t.cachedInput, cachedInput),
                or(t.cacheWrite, cacheWrite), or(t.reasoning, reasoning), or(t.perRequest, perRequest), tiers);
    }

    /** What {@code usage} costs (to a billionth of the unit). */
    public BigDecimal cost(Usage usage) {
        PriceSpec p = forInput(usage.inputTokens());
        long cached = Math.max(0, usage.cachedInputTokens());
        long written = Math.max(0, usage.cacheWriteTokens());
        long uncached = Math.max(0, usage.inputTokens() - cached - written);
        long reasoningTokens = Math.min(Math.max(0, usage.reasoningTokens()), Math.max(0, usage.outputTokens()));
        long text = Math.max(0, usage.outputTokens() - reasoningTokens);
        BigDecimal perMillion = p.input.multiply(BigDecimal.valueOf(uncached))
                .add(or(p.cachedInput, p.input).multiply(BigDecimal.valueOf(cached)))
                .add(or(p.cacheWrite, p.input).multiply(BigDecimal.valueOf(written)))
                .add(p.output.multiply(BigDecimal.valueOf(text)))
                .add(or(p.reasoning, p.output).multiply(BigDecimal.valueOf(reasoningTokens)));
        return perMillion.divide(MILLION).add(or(p.perRequest, BigDecimal.ZERO)).setScale(SCALE, RoundingMode.UP);
    }

    /**
     * The most an estimated request can cost: every input token at the dearest input figure and every reserved output
     * token at the dearest output figure, of the base price and every tier.
     */
    public BigDecimal worstCase(TokenEstimate estimate) {
        BigDecimal in = max(input, cacheWrite);
        BigDecimal out = max(output, reasoning);
        BigDecimal fixed = or(perRequest, BigDecimal.ZERO);
        for (Tier t : tiers) {
            in = max(in, max(t.prices().input, t.prices().cacheWrite));
            out = max(out, max(t.prices().output, t.prices().reasoning));
            fixed = max(fixed, t.prices().perRequest);
        }
        return in.multiply(BigDecimal.valueOf(estimate.input()))
                .add(out.multiply(BigDecimal.valueOf(estimate.output()))).divide(MILLION).add(fixed).setScale(SCALE, RoundingMode.UP);
    }

    /** The figures as a document. */
    JsonObjectBuilder figures() {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        put(b, "input_per_million", input);
        put(b, "output_per_million", output);
        put(b, "cached_input_per_million", cachedInput);
        put(b, "cache_write_per_million", cacheWrite);
        put(b, "reasoning_per_million", reasoning);
        put(b, "per_request", perRequest);
        return b;
    }

    /** The whole document (figures and tiers). */
    JsonObjectBuilder toJson() {
        JsonObjectBuilder b = figures();
        JsonArrayBuilder t = JSON.createArrayBuilder();
        for (Tier tier : tiers) {
            t.add(tier.prices().figures().add("above_input_tokens", tier.aboveInputTokens()));
        }
        return b.add("tiers", t);
    }

    private static void put(JsonObjectBuilder b, String name, BigDecimal v) {
        if (v != null) {
            b.add(name, v.toPlainString());
        }
    }

    private static BigDecimal or(BigDecimal a, BigDecimal b) {
        return a != null ? a : b;
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b == null ? BigDecimal.ZERO : b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
