package io.aigw.codec.openai;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonJava;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.Usage;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1/embeddings} requests and responses, with {@code float} and {@code base64} encodings. */
public final class OpenAiEmbeddings {

    /** How vectors travel on the wire. */
    public enum Encoding { FLOAT, BASE64 }

    private static final Set<String> MODELLED = Set.of("model", "input", "dimensions", "encoding_format");

    private OpenAiEmbeddings() {
    }

    /** Decodes and validates a client's request body. */
    public static EmbeddingRequest decode(JsonObject body) {
        String model = JsonFields.requiredString(body, "model", "model");
        JsonValue input = JsonFields.value(body, "input");
        if (input == null) {
            throw JsonFields.missing("input");
        }
        List<String> inputs = new ArrayList<>();
        if (input instanceof JsonString s) {
            inputs.add(s.getString());
        } else if (input instanceof JsonArray a && !a.isEmpty()) {
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof JsonString s)) {
                    throw new InvalidMessageException("Invalid 'input[" + i + "]': this gateway accepts strings only "
                            + "(token arrays are not supported).", "input");
                }
                inputs.add(s.getString());
            }
        } else {
            throw new InvalidMessageException("Invalid 'input': expected a string or a non-empty array of strings.",
                    "input");
        }
        if (inputs.size() > 2048) {
            throw new InvalidMessageException("Invalid 'input': at most 2048 inputs per request.", "input");
        }
        encoding(body);
        Integer dimensions = JsonFields.integer(body, "dimensions", "dimensions");
        if (dimensions != null && dimensions < 1) {
            throw new InvalidMessageException("Invalid 'dimensions': must be at least 1.", "dimensions");
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        body.forEach((k, v) -> {
            if (!MODELLED.contains(k)) {
                extensions.put(k, JsonJava.toJava(v));
            }
        });
        return new EmbeddingRequest(model, inputs, dimensions, extensions);
    }

    /** The encoding a client's request body asks for ({@code float} when absent). */
    public static Encoding encoding(JsonObject body) {
        String format = JsonFields.string(body, "encoding_format", "encoding_format");
        if (format == null || "float".equals(format)) {
            return Encoding.FLOAT;
        }
        if ("base64".equals(format)) {
            return Encoding.BASE64;
        }
        throw new InvalidMessageException("Invalid value for 'encoding_format': '" + format
                + "'. Supported values are: 'float' and 'base64'.", "encoding_format");
    }

    /** Encodes a request for an upstream; vectors are asked for as base64, the compact form. */
    public static JsonObject encode(EmbeddingRequest r) {
        JsonArrayBuilder input = Jsonp.createArrayBuilder();
        r.inputs().forEach(input::add);
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("model", r.model()).add("input", input)
                .add("encoding_format", "base64");
        if (r.dimensions() != null) {
            b.add("dimensions", r.dimensions());
        }
        JsonObject built = b.build();
        JsonObjectBuilder all = Jsonp.createObjectBuilder(built);
        JsonJava.addExtensions(all, built, r.extensions());
        return all.build();
    }

    /** Decodes an upstream's response, whichever encoding it used. */
    public static EmbeddingResponse decodeResponse(JsonObject body) {
        JsonArray data = JsonFields.array(body, "data", "data");
        if (data == null) {
            throw new InvalidMessageException("The response has no 'data'.", "data");
        }
        float[][] vectors = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonObject item = JsonFields.objectAt(data, i, "data[" + i + "]");
            Integer index = JsonFields.integer(item, "index", "data[" + i + "].index");
            int at = index == null ? i : index;
            if (at < 0 || at >= vectors.length) {
                throw new InvalidMessageException("Embedding index out of range.", "data[" + i + "].index");
            }
            vectors[at] = decodeVector(JsonFields.value(item, "embedding"), "data[" + i + "].embedding");
        }
        Usage usage = OpenAiUsage.decode(JsonFields.object(body, "usage", "usage"));
        return new EmbeddingResponse(JsonFields.string(body, "model", "model"), List.of(vectors),
                usage == null ? Usage.NONE : usage);
    }

    private static float[] decodeVector(JsonValue v, String path) {
        if (v instanceof JsonString s) {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(s.getString())).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(out);
            return out;
        }
        if (v instanceof JsonArray a) {
            float[] out = new float[a.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(a.get(i) instanceof JsonNumber n)) {
                    throw JsonFields.wrongType(path + "[" + i + "]", "a number", a.get(i));
                }
                out[i] = (float) n.doubleValue();
            }
            return out;
        }
        throw new InvalidMessageException("Missing or invalid embedding.", path);
    }

    /**
     * Encodes a response for an OpenAI client.
     *
     * @param model the model name to show, as the client addressed it
     */
    public static JsonObject encodeResponse(EmbeddingResponse r, String model, Encoding encoding) {
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        for (int i = 0; i < r.vectors().size(); i++) {
            float[] v = r.vectors().get(i);
            JsonObjectBuilder item = Jsonp.createObjectBuilder().add("object", "embedding").add("index", i);
            if (encoding == Encoding.BASE64) {
                item.add("embedding", base64(v));
            } else {
                JsonArrayBuilder floats = Jsonp.createArrayBuilder();
                for (float f : v) {
                    floats.add(new BigDecimal(Float.toString(f)));
                }
                item.add("embedding", floats);
            }
            data.add(item);
        }
        return Jsonp.createObjectBuilder().add("object", "list").add("data", data).add("model", model)
                .add("usage", OpenAiUsage.encodeEmbeddings(r.usage())).build();
    }

    /** Little-endian float32 bytes, base64: the form the official SDKs decode. */
    public static String base64(float[] v) {
        ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
