package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aigw.it.fake.FakeGeminiServer;
import io.aigw.it.fake.FakeUpstreams;
import io.aigw.it.fake.RecordedRequest;
import io.aigw.it.support.Gateway;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Local embeddings computed in-process, provider embeddings (OpenAI's passed through, Gemini's from
 * {@code batchEmbedContents}), the model list, the audit listing and health.
 */
class EmbeddingsAndModelsIT extends GatewayIT {

    private static final String LOCAL = "local/all-minilm-l6-v2";


    private float[][] embed(String model, String format, String... inputs) {
        StringBuilder in = new StringBuilder("[");
        for (int i = 0; i < inputs.length; i++) {
            in.append(i == 0 ? "" : ",").append('"').append(inputs[i]).append('"');
        }
        HttpResponse<String> r = gateway.post("/v1/embeddings", Gateway.ADMIN_KEY, "{\"model\":\"" + model
                + "\",\"input\":" + in + "],\"encoding_format\":\"" + format + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Gateway.json(r);
        assertThat(body.getString("model")).isEqualTo(model);
        assertThat(body.getJsonObject("usage").getInt("prompt_tokens")).isPositive();
        JsonArray data = body.getJsonArray("data");
        float[][] out = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonObject item = data.getJsonObject(i);
            assertThat(item.getInt("index")).isEqualTo(i);
            out[i] = "base64".equals(format) ? fromBase64(item.getString("embedding"))
                    : toFloats(item.getJsonArray("embedding"));
        }
        JsonObject row = audit.row(Gateway.requestId(r));
        assertThat(row.getString("operation")).isEqualTo("embeddings");
        assertThat(row.getInt("input_tokens")).isEqualTo(body.getJsonObject("usage").getInt("prompt_tokens"));
        return out;
    }

    @Test
    void localModelGivesReal384DimensionVectorsAsFloatsOrBase64() {
        float[][] floats = embed(LOCAL, "float", "The cat sits on the mat", "A kitten is resting on a rug",
                "Quarterly revenue grew by four percent");
        assertThat(floats).hasNumberOfRows(3);
        assertThat(floats[0]).hasSize(384);
        assertThat(norm(floats[0])).isCloseTo(1.0, within(1e-3));
        assertThat(cosine(floats[0], floats[1])).isGreaterThan(cosine(floats[0], floats[2]) + 0.2);

        float[][] encoded = embed(LOCAL, "base64", "The cat sits on the mat");
        assertThat(encoded[0]).hasSize(384);
        for (int i = 0; i < 384; i++) {
            assertThat(encoded[0][i]).isCloseTo(floats[0][i], within(1e-6f));
        }
    }

    @Test
    void providerEmbeddingsPassThroughTheOpenAiConnection() {
        float[][] v = embed("openai/text-embedding-3-small", "float", "alpha", "beta");
        assertThat(v).hasNumberOfRows(2);
        assertThat(v[0]).hasSize(8);
        float[][] b = embed("openai/text-embedding-3-small", "base64", "alpha");
        assertThat(b[0]).containsExactly(v[0]);
    }

    @Test
    void geminiEmbeddingsComeFromBatchEmbedContentsInInputOrder() {
        HttpResponse<String> r = gateway.post("/v1/embeddings", Gateway.ADMIN_KEY, "{\"model\":\"gemini/"
                + "gemini-embedding-001\",\"input\":[\"alpha\",\"beta\"],\"dimensions\":768}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Gateway.json(r);
        assertThat(body.getString("model")).isEqualTo("gemini/gemini-embedding-001");
        JsonArray data = body.getJsonArray("data");
        assertThat(data).hasSize(2);
        assertThat(data.getJsonObject(1).getInt("index")).isEqualTo(1);
        float[] alpha = toFloats(data.getJsonObject(0).getJsonArray("embedding"));
        assertThat(alpha).startsWith(0.606f, 0.613f, 0.62f, 0.627f);
        assertThat(alpha).containsExactly(FakeGeminiServer.embedding("alpha", 768));
        assertThat(toFloats(data.getJsonObject(1).getJsonArray("embedding")))
                .containsExactly(FakeGeminiServer.embedding("beta", 768));
        // Gemini reports no usage for embeddings: the gateway estimates max(inputs, ceil(9 characters / 4))
        assertThat(body.getJsonObject("usage")).isEqualTo(Gateway.json("{\"prompt_tokens\":3,\"total_tokens\":3}"));
        JsonObject row = audit.row(Gateway.requestId(r));
        assertThat(row.getInt("input_tokens")).isEqualTo(3);
        assertThat(row.getBoolean("usage_estimated")).isTrue();

        RecordedRequest sent = FakeUpstreams.gemini().lastRequestFor("gemini-embedding-001").orElseThrow();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(sent.json().orElseThrow()).isEqualTo(Gateway.json("{\"requests\":["
                + "{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"alpha\"}]},"
                + "\"outputDimensionality\":768},"
                + "{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"beta\"}]},"
                + "\"outputDimensionality\":768}]}"));
    }

    @Test
    void modelsListWhatEachConnectionServesAndWhyOthersCannot() {
        HttpResponse<String> r = gateway.get("/v1/models", Gateway.ADMIN_KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = Gateway.json(r);
        assertThat(body.getString("object")).isEqualTo("list");
        List<String> ids = body.getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("id")).toList();
        assertThat(ids).contains(LOCAL, "openai/gpt-4o-mini", "openai/text-embedding-3-small");
        JsonObject ollama = body.getJsonArray("connections").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("ollama")).findFirst().orElseThrow();
        assertThat(ollama.getBoolean("available")).isFalse();
        assertThat(ollama.getString("reason")).contains("cannot be reached");
        assertThat(ids).noneMatch(id -> id.startsWith("ollama/"));

        HttpResponse<String> one = gateway.get("/v1/models/" + LOCAL, Gateway.ADMIN_KEY);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(Gateway.json(one).getString("id")).isEqualTo(LOCAL);
        HttpResponse<String> missing = gateway.get("/v1/models/local/nope", Gateway.ADMIN_KEY);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(audit.row(Gateway.requestId(missing)).getInt("status")).isEqualTo(404);
    }

    @Test
    void complianceListsFiltersAndExportsTheAuditTrail() {
        HttpResponse<String> chat = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY,
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String keyId = audit.row(Gateway.requestId(chat)).getString("key_id");
        HttpResponse<String> page = gateway.get("/compliance/audit?operation=chat&key_id=" + keyId + "&limit=2&total=true",
                Gateway.ADMIN_KEY);
        assertThat(page.statusCode()).isEqualTo(200);
        JsonObject body = Gateway.json(page);
        assertThat(body.getJsonNumber("total").longValue()).isPositive();
        assertThat(body.getJsonArray("data").size()).isBetween(1, 2);
        assertThat(body.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo(Gateway.requestId(chat));
        body.getJsonArray("data").getValuesAs(JsonObject.class)
                .forEach(row -> assertThat(row.getString("operation")).isEqualTo("chat"));

        HttpResponse<String> csv = gateway.get("/compliance/audit?format=csv&limit=3", Gateway.ADMIN_KEY);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,node_id,chain_seq,occurred_at,key_id");
        assertThat(lines).hasSize(4);
    }

    @Test
    void healthIsUpWithTheAuditWritable() {
        HttpResponse<String> r = gateway.get("/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"audit\"").contains("UP");
    }

    private static float[] toFloats(JsonArray a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.getJsonNumber(i).doubleValue();
        }
        return out;
    }

    private static float[] fromBase64(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        return Math.sqrt(s);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }
}
