package io.aigw.codec.anthropic;

import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ModelInfo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Anthropic's {@code GET /v1/models} list. */
public final class AnthropicModels {

    private AnthropicModels() {
    }

    public static List<ModelInfo> decodeList(JsonObject body) {
        JsonArray data = JsonFields.array(body, "data", "data");
        List<ModelInfo> out = new ArrayList<>();
        if (data != null) {
            for (int i = 0; i < data.size(); i++) {
                JsonObject m = JsonFields.objectAt(data, i, "data." + i);
                out.add(new ModelInfo(JsonFields.requiredString(m, "id", "data." + i + ".id"), "anthropic",
                        epochSeconds(JsonFields.string(m, "created_at", "data." + i + ".created_at")),
                        Set.of(ModelInfo.Capability.CHAT)));
            }
        }
        return out;
    }

    /** One model object for an Anthropic client. */
    public static JsonObjectBuilder encode(String id, long created) {
        return Jsonp.createObjectBuilder().add("type", "model").add("id", id).add("display_name", id)
                .add("created_at", Instant.ofEpochSecond(created).toString());
    }

    private static long epochSeconds(String iso) {
        if (iso == null) {
            return 0;
        }
        try {
            return Instant.parse(iso).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
