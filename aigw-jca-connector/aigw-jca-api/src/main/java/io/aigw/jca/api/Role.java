package io.aigw.jca.api;

/** Who wrote a chat message. */
public enum Role {
    SYSTEM, DEVELOPER, USER, ASSISTANT, TOOL;

    /** The lower-case wire name shared by the OpenAI and Anthropic formats. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The role for a wire name, or {@code null} if unknown. */
    public static Role fromWire(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
