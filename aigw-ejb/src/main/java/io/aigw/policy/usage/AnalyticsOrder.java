package io.aigw.policy.usage;

import java.util.Locale;

/** What analytics can rank groups by, largest first: {@code order_by=cost&limit=10} gives the top ten spenders. */
public enum AnalyticsOrder {
    /** Cost in one currency (groups without cost in it rank as zero). */
    COST,
    /** Requests. */
    REQUESTS,
    /** Errors. */
    ERRORS,
    /** Input plus output tokens. */
    TOKENS;

    /** The name the API uses ({@code cost}, {@code requests}, ...). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order an API name stands for, or {@code null}. */
    public static AnalyticsOrder of(String apiName) {
        for (AnalyticsOrder o : values()) {
            if (o.apiName().equals(apiName.trim().toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        return null;
    }

    /** The value a group ranks by ({@code currency} for {@link #COST}; cost in billionths). */
    long value(UsageTotals t, String currency) {
        return switch (this) {
            case COST -> currency == null ? 0 : t.costNanos().getOrDefault(currency, 0L);
            case REQUESTS -> t.requests();
            case ERRORS -> t.errors();
            case TOKENS -> t.totalTokens();
        };
    }
}
