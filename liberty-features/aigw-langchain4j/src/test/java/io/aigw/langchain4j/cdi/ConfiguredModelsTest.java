package io.aigw.langchain4j.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredModelsTest {

    @Test
    void propertiesDeclareModelsOfEachKind() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("aigw.langchain4j.streaming-chat-model.writer", "anthropic/claude-sonnet");
        config.put("aigw.langchain4j.chat-model.assistant", " openai/gpt-4o-mini ");
        config.put("aigw.langchain4j.embedding-model.docs", "local/minilm");
        config.put("aigw.langchain4j.chat-model.team.helper", "helper-route");
        config.put("aigw.langchain4j.chat-model.", "nameless");
        config.put("aigw.langchain4j.chat-model.blank", "  ");
        config.put("aigw.langchain4j.other.x", "ignored");
        config.put("mp.messaging.chat-model.y", "ignored");

        List<ModelBinding> bindings = ConfiguredModels.from(config.keySet(),
                name -> Optional.ofNullable(config.get(name)));

        assertThat(bindings).containsExactly(
                new ModelBinding(ModelKind.CHAT, "assistant", "openai/gpt-4o-mini"),
                new ModelBinding(ModelKind.CHAT, "team.helper", "helper-route"),
                new ModelBinding(ModelKind.STREAMING_CHAT, "writer", "anthropic/claude-sonnet"),
                new ModelBinding(ModelKind.EMBEDDING, "docs", "local/minilm"));
    }
}
