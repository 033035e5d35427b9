package io.aigw.policy.route;

import java.time.Duration;

/**
 * Response caching of a route.
 *
 * @param mode       {@code off}, {@code exact} (the same request of the same tenant) or {@code semantic} (also a
 *                   close enough question of the same tenant, route, system prompt and tools)
 * @param ttl        how long an answer is served from the cache
 * @param similarity the least cosine similarity of a semantic hit
 */
public record CacheSpec(String mode, Duration ttl, double similarity) {

    public static final CacheSpec OFF = new CacheSpec("off", Duration.ofMinutes(10), 0.95);

    public boolean enabled() {
        return !mode.equals("off");
    }

    public boolean semantic() {
        return mode.equals("semantic");
    }
}
