package io.aigw.codec.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ModelInfo.Capability;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeminiModelsTest {

    @Test
    void decodesAPageOfChatAndEmbeddingModelsAndItsNextToken() {
        GeminiModels.Page page = GeminiModels.decodePage(JsonText.parseObject("""
                {"models":[
                  {"name":"models/gemini-2.5-flash","version":"001","displayName":"Gemini 2.5 Flash",
                   "inputTokenLimit":1048576,"outputTokenLimit":65536,
                   "supportedGenerationMethods":["generateContent","countTokens","createCachedContent"]},
                  {"name":"models/gemini-embedding-001","supportedGenerationMethods":["embedContent","countTokens"]},
                  {"name":"models/imagen-4.0-generate-001","supportedGenerationMethods":["predict"]}],
                 "nextPageToken":"Ch1tb2RlbHM"}
                """));

        assertThat(page.models()).containsExactly(
                new ModelInfo("gemini-2.5-flash", "google", 0, Set.of(Capability.CHAT)),
                new ModelInfo("gemini-embedding-001", "google", 0, Set.of(Capability.EMBEDDINGS)));
        assertThat(page.nextPageToken()).isEqualTo("Ch1tb2RlbHM");
    }

    @Test
    void theLastPageHasNoToken() {
        GeminiModels.Page page = GeminiModels.decodePage(JsonText.parseObject("{\"models\":[],\"nextPageToken\":\"\"}"));

        assertThat(page.models()).isEmpty();
        assertThat(page.nextPageToken()).isNull();
    }
}
