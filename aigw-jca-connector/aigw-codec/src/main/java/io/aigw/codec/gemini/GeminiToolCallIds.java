package io.aigw.codec.gemini;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for the function calls of one Gemini answer, which has none: {@code call_aigw_<8 hex>_<n>}, the hex part the same
 * for every call of the answer and random across answers, so that ids stay unique over a conversation. Ids of this form
 * are never sent back to Gemini as ids.
 *
 * <p>When Gemini signs a function call ({@code thoughtSignature}, which Gemini 3 requires back with the call in later
 * turns), the signature — and Gemini's own id, if it sent one — travel in the id, the one thing every client returns
 * with a tool call: {@code call_aigw_<8 hex>_<n>_<base64url of {"i":id,"s":signature}>}, only letters, digits,
 * {@code _} and {@code -}, as Anthropic's tool ids require.
 */
public final class GeminiToolCallIds {

    /** Every gateway-generated id starts with this. */
    public static final String PREFIX = "call_aigw_";

    private final String stem;
    private int next;

    public GeminiToolCallIds() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        this.stem = PREFIX + HexFormat.of().formatHex(random) + "_";
    }

    /** What a gateway id carries for Gemini: its own id and the call's signature, each possibly {@code null}. */
    public record Carried(String upstreamId, String signature) {
    }

    /** The id Gemini sent, or the next gateway id when it sent none. */
    public String idFor(String upstreamId) {
        return idFor(upstreamId, null);
    }

    /** The id for a call Gemini sent with that id and signature (either may be {@code null}). */
    public String idFor(String upstreamId, String signature) {
        String id = stem + next++;
        boolean hasId = upstreamId != null && !upstreamId.isEmpty();
        if (signature == null || signature.isEmpty()) {
            return hasId ? upstreamId : id;
        }
        JsonObjectBuilder carried = Jsonp.createObjectBuilder().add("s", signature);
        if (hasId) {
            carried.add("i", upstreamId);
        }
        return id + "_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JsonText.write(carried.build()).getBytes(StandardCharsets.UTF_8));
    }

    /** What a gateway id carries; empty for ids without a payload and for ids Gemini made. */
    public static Optional<Carried> carried(String id) {
        if (id == null || !id.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = id.substring(PREFIX.length()).split("_", 3);
        if (parts.length < 3) {
            return Optional.empty();
        }
        try {
            JsonObject payload = JsonText.parseObject(new String(Base64.getUrlDecoder().decode(parts[2]),
                    StandardCharsets.UTF_8));
            return Optional.of(new Carried(payload.getString("i", null), payload.getString("s", null)));
        } catch (IllegalArgumentException | InvalidMessageException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** Whether an id was made by the gateway (and so means nothing to Gemini). */
    public static boolean generated(String id) {
        return id == null || id.startsWith(PREFIX);
    }
}
