package io.aigw.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.Usage;
import io.aigw.jca.api.gateway.ModelNotAllowedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GovernedEmbeddingModelTest {

    private final FakeAiClient client = new FakeAiClient("local/minilm");
    private final GovernedEmbeddingModel model = new GovernedEmbeddingModel(client);

    @Test
    void vectorsComeBackInSegmentOrderWithInputTokens() {
        client.then(new EmbeddingResponse("all-minilm", List.of(
                new float[] {0.1f, 0.2f, 0.3f}, new float[] {-1f, 0f, 1f}, new float[] {0.5f, 0.5f, 0.5f}),
                Usage.of(9, 0)));

        Response<List<Embedding>> response = model.embedAll(List.of(
                TextSegment.from("first"), TextSegment.from("second"), TextSegment.from("third")));

        assertThat(client.embedInputs).containsExactly(List.of("first", "second", "third"));
        assertThat(response.content()).extracting(Embedding::vector).containsExactly(
                new float[] {0.1f, 0.2f, 0.3f}, new float[] {-1f, 0f, 1f}, new float[] {0.5f, 0.5f, 0.5f});
        assertThat(response.tokenUsage()).isEqualTo(new TokenUsage(9, null, 9));
        assertThat(model.dimension()).isEqualTo(3);
        assertThat(model.modelName()).isEqualTo("local/minilm");
        assertThat(client.embedInputs).hasSize(1);
    }

    @Test
    void singleTextGoesThroughTheSameCall() {
        client.then(new EmbeddingResponse("m", List.<float[]>of(new float[] {1f, 2f}), Usage.of(2, 0)));

        Response<Embedding> response = model.embed("hello");

        assertThat(client.embedInputs).containsExactly(List.of("hello"));
        assertThat(response.content().vector()).containsExactly(1f, 2f);
    }

    @Test
    void noSegmentsNoCall() {
        assertThat(model.embedAll(List.of()).content()).isEmpty();
        assertThat(client.embedInputs).isEmpty();
    }

    @Test
    void refusalKeepsTheTypedCause() {
        ModelNotAllowedException refusal = new ModelNotAllowedException("not for this application");
        client.then(refusal);

        GatewayCallException e = catchThrowableOfType(GatewayCallException.class,
                () -> model.embedAll(List.of(TextSegment.from("x"))));

        assertThat(e.providerException()).isSameAs(refusal);
    }
}
