package io.aigw.policy.route;

import java.util.Arrays;

/** How a route orders its targets for a request (the first is tried first, the others are the fallbacks). */
public enum Strategy {
    /** By {@code priority}, then as listed. */
    PRIORITY("priority"),
    /** The first target drawn by {@code weight} (canaries, A/B, blue/green), the others by priority. */
    WEIGHTED("weighted"),
    /** The target with the lowest recent time to first token first. */
    LEAST_LATENCY("least-latency"),
    /** The target with the fewest requests in flight on this server first. */
    LEAST_BUSY("least-busy"),
    /** The target whose price makes the request cheapest first; unpriced targets after the priced ones. */
    CHEAPEST("cheapest");

    private final String wireName;

    Strategy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The strategy by its wire name, or {@code null}. */
    public static Strategy of(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst().orElse(null);
    }

    /** The wire names, for error messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Strategy::wireName).toList());
    }
}
