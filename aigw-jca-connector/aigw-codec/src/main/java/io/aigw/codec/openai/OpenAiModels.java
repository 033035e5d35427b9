package io.aigw.codec.openai;

import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.ModelInfo;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code GET /v1/models} lists and model objects. */
public final class OpenAiModels {

    private OpenAiModels() {
    }

    /** Decodes an upstream's model list; capabilities are guessed from the id, as OpenAI does not report them. */
    public static List<ModelInfo> decodeList(JsonObject body) {
        JsonArray data = JsonFields.array(body, "data", "data");
        List<ModelInfo> out = new ArrayList<>();
        if (data == null) {
            return out;
        }
        for (int i = 0; i < data.size(); i++) {
            JsonObject m = JsonFields.objectAt(data, i, "data[" + i + "]");
            String id = JsonFields.requiredString(m, "id", "data[" + i + "].id");
            Integer created = JsonFields.integer(m, "created", "data[" + i + "].created");
            out.add(new ModelInfo(id, JsonFields.string(m, "owned_by", "data[" + i + "].owned_by"),
                    created == null ? 0 : created, capabilitiesOf(id)));
        }
        return out;
    }

    private static Set<ModelInfo.Capability> capabilitiesOf(String id) {
        return id.toLowerCase(Locale.ROOT).contains("embed")
                ? Set.of(ModelInfo.Capability.EMBEDDINGS) : Set.of(ModelInfo.Capability.CHAT);
    }

    /** One model object for a client; {@code id} is the gateway-qualified id. */
    public static JsonObjectBuilder encode(String id, long created, String ownedBy) {
        return Jsonp.createObjectBuilder().add("id", id).add("object", "model").add("created", created)
                .add("owned_by", ownedBy);
    }
}
