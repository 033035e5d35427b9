package io.aigw.it.support;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads an OpenAI-format event stream as a client does: its {@code data:} payloads and the text they carry. */
public final class OpenAiStream {

    private OpenAiStream() {
    }

    /** Every {@code data:} payload, in order ({@code [DONE]} included when it came). */
    public static List<String> data(HttpResponse<Stream<String>> response) {
        return response.body().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    /** The content of every choice's deltas, joined. */
    public static String text(List<String> data) {
        return data.stream().filter(d -> !d.equals("[DONE]")).map(Gateway::json)
                .flatMap(c -> c.getJsonArray("choices").getValuesAs(JsonObject.class).stream())
                .map(c -> c.getJsonObject("delta")).filter(d -> d.containsKey("content") && !d.isNull("content"))
                .map(d -> d.getString("content")).collect(Collectors.joining());
    }
}
