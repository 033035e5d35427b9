package io.aigw.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.anthropic.AnthropicUsage;
import io.aigw.codec.bedrock.BedrockUsage;
import io.aigw.codec.gemini.GeminiUsage;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiUsage;
import io.aigw.jca.api.Usage;
import io.aigw.policy.quota.ScopedPolicyStore;
import io.aigw.policy.quota.TokenEstimate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Pricing each provider's usage as the gateway decodes it: cached input, cache writes and reasoning at their own
 * figures, tiers above a prompt size, exact decimals.
 */
class PriceSpecTest {

    private static final PriceSpec PRICE = price("{\"input_per_million\":\"3\",\"output_per_million\":\"15\","
            + "\"cached_input_per_million\":\"0.30\",\"cache_write_per_million\":\"3.75\","
            + "\"reasoning_per_million\":\"20\",\"per_request\":\"0.0001\"}");

    @Test
    void openAiCachedTokensArePartOfThePromptAndReasoningPartOfTheCompletion() {
        Usage u = OpenAiUsage.decode(JsonText.parseObject(bytes("{\"prompt_tokens\":2000,\"completion_tokens\":500,"
                + "\"total_tokens\":2500,\"prompt_tokens_details\":{\"cached_tokens\":1500},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":200}}")));
        // 500 x 3 + 1,500 x 0.30 + 300 x 15 + 200 x 20 per million, plus the request
        assertThat(PRICE.cost(u)).isEqualTo(new BigDecimal("0.010550000"));
    }

    @Test
    void anthropicCacheReadsAndWritesAreReportedBesideTheUncachedInput() {
        Usage u = AnthropicUsage.decode(JsonText.parseObject(bytes("{\"input_tokens\":100,"
                + "\"cache_creation_input_tokens\":1000,\"cache_read_input_tokens\":4000,\"output_tokens\":300}")));
        // 100 x 3 + 1,000 x 3.75 + 4,000 x 0.30 + 300 x 15 per million, plus the request
        assertThat(PRICE.cost(u)).isEqualTo(new BigDecimal("0.009850000"));
    }

    @Test
    void geminiThoughtsArePricedAsReasoningAndCachedContentAsCachedInput() {
        Usage u = GeminiUsage.decode(JsonText.parseObject(bytes("{\"promptTokenCount\":1000,"
                + "\"cachedContentTokenCount\":600,\"candidatesTokenCount\":100,\"thoughtsTokenCount\":400,"
                + "\"totalTokenCount\":1500}")));
        // 400 x 3 + 600 x 0.30 + 100 x 15 + 400 x 20 per million, plus the request
        assertThat(PRICE.cost(u)).isEqualTo(new BigDecimal("0.010980000"));
    }

    @Test
    void bedrockCacheReadsAndWritesToo() {
        Usage u = BedrockUsage.decode(JsonText.parseObject(bytes("{\"inputTokens\":10,\"outputTokens\":20,"
                + "\"cacheReadInputTokens\":1000,\"cacheWriteInputTokens\":100,\"totalTokens\":1130}")));
        // 10 x 3 + 1,000 x 0.30 + 100 x 3.75 + 20 x 15 per million, plus the request
        assertThat(PRICE.cost(u)).isEqualTo(new BigDecimal("0.001105000"));
    }

    @Test
    void figuresNotGivenFallBackToTheInputAndOutputPrices() {
        PriceSpec plain = price("{\"input_per_million\":\"0.15\",\"output_per_million\":\"0.60\"}");
        Usage u = new Usage(1000, 1000, 400, 0, 500, false);
        // 600 x 0.15 + 400 x 0.15 + 1,000 x 0.60 per million
        assertThat(plain.cost(u)).isEqualTo(new BigDecimal("0.000750000"));
    }

    @Test
    void aTierReplacesTheFiguresItNamesAboveItsPromptSize() {
        PriceSpec tiered = price("{\"input_per_million\":\"1.25\",\"output_per_million\":\"10\",\"tiers\":"
                + "[{\"above_input_tokens\":200000,\"input_per_million\":\"2.50\",\"output_per_million\":\"15\"}]}");
        assertThat(tiered.cost(new Usage(200_000, 1000, 0, 0, 0, false))).isEqualTo(new BigDecimal("0.260000000"));
        assertThat(tiered.cost(new Usage(200_001, 1000, 0, 0, 0, false))).isEqualTo(new BigDecimal("0.515002500"));
    }

    @Test
    void theWorstCaseTakesTheDearestFiguresSoARealRequestNeverCostsMore() {
        PriceSpec tiered = price("{\"input_per_million\":\"1.25\",\"output_per_million\":\"10\","
                + "\"cache_write_per_million\":\"1.5\",\"tiers\":[{\"above_input_tokens\":200000,"
                + "\"input_per_million\":\"2.50\",\"output_per_million\":\"15\"}]}");
        TokenEstimate e = new TokenEstimate(1000, 500);
        assertThat(tiered.worstCase(e)).isEqualTo(new BigDecimal("0.010000000"));
        assertThat(tiered.cost(new Usage(1000, 500, 0, 1000, 500, false))).isLessThanOrEqualTo(tiered.worstCase(e));
    }

    @Test
    void tinyCostsAreKeptToABillionthAndRoundedUpNeverToZero() {
        PriceSpec cheap = price("{\"input_per_million\":\"0.01\",\"output_per_million\":\"0.01\"}");
        assertThat(cheap.cost(new Usage(1, 0, 0, 0, 0, false))).isEqualTo(new BigDecimal("0.000000010"));
        assertThat(price("{\"input_per_million\":\"0.0000001\",\"output_per_million\":\"0\"}")
                .cost(new Usage(1, 0, 0, 0, 0, false))).isEqualTo(new BigDecimal("0.000000001"));
    }

    static PriceSpec price(String json) {
        var spec = ScopedPolicyStore.parse(json);
        PriceSpec base = PriceSpec.parseFigures(spec, "", true);
        return new PriceSpec(base.input(), base.output(), base.cachedInput(), base.cacheWrite(), base.reasoning(),
                base.perRequest(), PriceSpec.parseTiers(spec));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
