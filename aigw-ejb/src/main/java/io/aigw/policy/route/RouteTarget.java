package io.aigw.policy.route;

import java.time.Instant;

/**
 * One model a route can send a request to.
 *
 * @param model    the model as a client would name it ({@code openai/gpt-4o-mini}, or a plain id); never a route
 * @param weight   its share under the weighted strategy (0 takes no first tries, only fallbacks)
 * @param priority its rank for fallbacks and the priority strategy (1 first)
 * @param retireAt when it retires, or {@code null}: until then its answers carry {@code Deprecation} and
 *                 {@code Sunset}; after it the route skips it
 */
public record RouteTarget(String model, int weight, int priority, Instant retireAt) {

    /** Whether the target has retired at {@code now}. */
    public boolean retired(Instant now) {
        return retireAt != null && !now.isBefore(retireAt);
    }
}
