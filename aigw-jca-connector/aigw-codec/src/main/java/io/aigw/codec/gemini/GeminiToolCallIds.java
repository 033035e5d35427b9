package io.aigw.codec.gemini;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for the function calls of one Gemini answer, which has none: {@code call_aigw_<8 hex>_<n>}, the hex part the same
 * for every call of the answer and random across answers, so that ids stay unique over a conversation. Ids of this form
 * are never sent back to Gemini.
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

    /** The id Gemini sent, or the next gateway id when it sent none. */
    public String idFor(String upstreamId) {
        String id = stem + next++;
        return upstreamId == null || upstreamId.isEmpty() ? id : upstreamId;
    }

    /** Whether an id was made by the gateway (and so means nothing to Gemini). */
    public static boolean generated(String id) {
        return id == null || id.startsWith(PREFIX);
    }
}
