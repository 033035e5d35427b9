package io.aigw.policy.quota;

/**
 * One figure of one scope's limits that applies to a request.
 *
 * @param scope     whose limit it is
 * @param model     the model name or pattern of a per-model limit, or {@code null}
 * @param kind      which figure
 * @param value     the figure
 * @param shadow    recorded but not enforced
 * @param defaulted from {@code aigw.limits.default.*} rather than the scope's own limits
 */
public record AppliedLimit(Scope scope, String model, Kind kind, long value, boolean shadow, boolean defaulted) {

    /** The figures a limit document has. */
    public enum Kind {
        REQUESTS("requests_per_minute"), TOKENS("tokens_per_minute"), CONCURRENT("concurrent_requests");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The name of the counter this figure uses (a changed figure starts a counter of its own). */
    String counter() {
        return scope + "|" + (model == null ? "" : model) + "|" + kind + "|" + value;
    }
}
