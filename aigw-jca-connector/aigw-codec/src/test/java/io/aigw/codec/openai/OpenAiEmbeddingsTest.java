package io.aigw.codec.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiEmbeddingsTest {

    private static final float[] AWKWARD = {0.1f, -1.5f, 0f, -0f, 1e-38f, Float.MIN_VALUE, Float.MAX_VALUE,
            -123456.78f, 0.33333334f};

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    private static InvalidMessageException invalid(String body) {
        InvalidMessageException e = catchThrowableOfType(() -> OpenAiEmbeddings.decode(json(body)),
                InvalidMessageException.class);
        assertThat(e).as("decoding %s", body).isNotNull();
        return e;
    }

    @Test
    void decodesAStringInput() {
        EmbeddingRequest r = OpenAiEmbeddings.decode(json("{\"model\":\"text-embedding-3-small\",\"input\":\"hello\"}"));

        assertThat(r.model()).isEqualTo("text-embedding-3-small");
        assertThat(r.inputs()).containsExactly("hello");
        assertThat(r.dimensions()).isNull();
        assertThat(r.extensions()).isEmpty();
    }

    @Test
    void decodesAnArrayInputDimensionsAndExtensions() {
        EmbeddingRequest r = OpenAiEmbeddings.decode(json(
                "{\"model\":\"m\",\"input\":[\"a\",\"b\",\"\"],\"dimensions\":256,\"encoding_format\":\"base64\","
                        + "\"user\":\"u-1\"}"));

        assertThat(r.inputs()).containsExactly("a", "b", "");
        assertThat(r.dimensions()).isEqualTo(256);
        assertThat(r.extensions()).isEqualTo(Map.of("user", "u-1"));
    }

    @Test
    void rejectsTokenArrayInput() {
        assertThat(invalid("{\"model\":\"m\",\"input\":[1,2,3]}").param()).isEqualTo("input");
        assertThat(invalid("{\"model\":\"m\",\"input\":[[1,2],[3]]}").getMessage()).contains("token arrays");
    }

    @Test
    void rejectsMissingOrEmptyInput() {
        assertThat(invalid("{\"model\":\"m\"}").param()).isEqualTo("input");
        assertThat(invalid("{\"model\":\"m\",\"input\":[]}").param()).isEqualTo("input");
    }

    @Test
    void rejectsDimensionsBelowOne() {
        assertThat(invalid("{\"model\":\"m\",\"input\":\"a\",\"dimensions\":0}").param()).isEqualTo("dimensions");
    }

    @Test
    void readsTheEncodingFormat() {
        assertThat(OpenAiEmbeddings.encoding(json("{}"))).isEqualTo(OpenAiEmbeddings.Encoding.FLOAT);
        assertThat(OpenAiEmbeddings.encoding(json("{\"encoding_format\":\"float\"}")))
                .isEqualTo(OpenAiEmbeddings.Encoding.FLOAT);
        assertThat(OpenAiEmbeddings.encoding(json("{\"encoding_format\":\"base64\"}")))
                .isEqualTo(OpenAiEmbeddings.Encoding.BASE64);
        InvalidMessageException e = invalid("{\"model\":\"m\",\"input\":\"a\",\"encoding_format\":\"int8\"}");
        assertThat(e.param()).isEqualTo("encoding_format");
        assertThat(e.getMessage()).contains("'int8'");
    }

    @Test
    void encodesAnUpstreamRequestAskingForBase64() {
        EmbeddingRequest r = new EmbeddingRequest("m", List.of("a", "b"), 64, Map.of("user", "u"));

        assertThat(OpenAiEmbeddings.encode(r)).isEqualTo(json(
                "{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\",\"dimensions\":64,\"user\":\"u\"}"));
    }

    @Test
    void encodeResponseBase64IsLittleEndianFloat32OfExactlyTheSameFloats() {
        EmbeddingResponse r = new EmbeddingResponse("m", List.of(AWKWARD, new float[] {1f}), Usage.of(5, 0));

        JsonObject encoded = OpenAiEmbeddings.encodeResponse(r, "local/m", OpenAiEmbeddings.Encoding.BASE64);

        String b64 = encoded.getJsonArray("data").getJsonObject(0).getString("embedding");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(b64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[bytes.remaining() / 4];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = bytes.getFloat();
        }
        assertThat(bits(decoded)).containsExactly(bits(AWKWARD));
        assertThat(encoded.getString("model")).isEqualTo("local/m");
        assertThat(encoded.getJsonArray("data").getJsonObject(1).getInt("index")).isEqualTo(1);
        assertThat(encoded.getJsonObject("usage")).isEqualTo(json("{\"prompt_tokens\":5,\"total_tokens\":5}"));
    }

    @Test
    void decodeResponseReadsBase64AndFloatArrays() {
        EmbeddingResponse original = new EmbeddingResponse("m", List.of(AWKWARD, new float[] {2.5f, -3f}),
                Usage.of(5, 0));

        for (OpenAiEmbeddings.Encoding encoding : OpenAiEmbeddings.Encoding.values()) {
            EmbeddingResponse decoded = OpenAiEmbeddings.decodeResponse(
                    OpenAiEmbeddings.encodeResponse(original, "m", encoding));

            assertThat(decoded.vectors()).as(encoding.name()).hasSize(2);
            if (encoding == OpenAiEmbeddings.Encoding.BASE64) {
                assertThat(bits(decoded.vectors().get(0))).containsExactly(bits(AWKWARD));
            } else {
                // a decimal JSON number cannot carry the sign of -0.0: equal by value, not by bits
                float[] v = decoded.vectors().get(0);
                assertThat(v).hasSameSizeAs(AWKWARD);
                for (int i = 0; i < v.length; i++) {
                    assertThat(v[i] == AWKWARD[i]).as("FLOAT [%d]: %s vs %s", i, v[i], AWKWARD[i]).isTrue();
                }
            }
            assertThat(decoded.vectors().get(1)).as(encoding.name()).containsExactly(2.5f, -3f);
            assertThat(decoded.usage()).isEqualTo(Usage.of(5, 0));
            assertThat(decoded.model()).isEqualTo("m");
        }
    }

    @Test
    void decodeResponsePlacesVectorsByIndex() {
        EmbeddingResponse r = OpenAiEmbeddings.decodeResponse(json("""
                {"object":"list","model":"m","data":[
                  {"object":"embedding","index":1,"embedding":[0.5]},
                  {"object":"embedding","index":0,"embedding":"%s"}]}
                """.formatted(OpenAiEmbeddings.base64(new float[] {1.25f, -2f}))));

        assertThat(r.vectors().get(0)).containsExactly(1.25f, -2f);
        assertThat(r.vectors().get(1)).containsExactly(0.5f);
        assertThat(r.usage()).isEqualTo(Usage.NONE);
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }
}
