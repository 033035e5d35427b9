package io.aigw.codec.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ModelInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnthropicModelsTest {

    @Test
    void decodesTheModelListWithCreationTimes() {
        List<ModelInfo> models = AnthropicModels.decodeList(JsonText.parseObject("""
                {"data":[
                  {"type":"model","id":"claude-3-5-haiku-20241022","display_name":"Claude 3.5 Haiku",
                   "created_at":"2024-10-22T00:00:00Z"},
                  {"type":"model","id":"claude-x","created_at":"not a date"},
                  {"type":"model","id":"claude-y"}
                 ],"has_more":false,"first_id":"claude-3-5-haiku-20241022","last_id":"claude-y"}
                """));

        assertThat(models).containsExactly(
                new ModelInfo("claude-3-5-haiku-20241022", "anthropic", 1729555200L, Set.of(ModelInfo.Capability.CHAT)),
                new ModelInfo("claude-x", "anthropic", 0, Set.of(ModelInfo.Capability.CHAT)),
                new ModelInfo("claude-y", "anthropic", 0, Set.of(ModelInfo.Capability.CHAT)));
    }

    @Test
    void decodesAListWithoutDataAsEmpty() {
        assertThat(AnthropicModels.decodeList(JsonText.parseObject("{}"))).isEmpty();
    }

    @Test
    void encodesOneModelForAnAnthropicClient() {
        assertThat(AnthropicModels.encode("openai/gpt-4o-mini", 1729555200L).build()).isEqualTo(JsonText.parseObject("""
                {"type":"model","id":"openai/gpt-4o-mini","display_name":"openai/gpt-4o-mini",
                 "created_at":"2024-10-22T00:00:00Z"}
                """));
    }
}
