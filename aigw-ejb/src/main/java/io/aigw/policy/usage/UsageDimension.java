package io.aigw.policy.usage;

import java.util.Locale;

/** What usage can be grouped by. */
public enum UsageDimension {
    TENANT("TENANT"), KEY("KEY_ID"), MODEL("MODEL"), ROUTE("ROUTE"), OPERATION("OPERATION"), DAY(null), HOUR(null);

    private final String column;

    UsageDimension(String column) {
        this.column = column;
    }

    /** Whether this is a time dimension ({@link #DAY} or {@link #HOUR}). */
    public boolean isTime() {
        return column == null;
    }

    /** The store's column, or {@code null} for a time dimension (folded from the hour). */
    String column() {
        return column;
    }

    /** The name the API uses ({@code tenant}, {@code key}, ...). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field that carries a group's value in a report ({@code key_id} for {@link #KEY}). */
    public String field() {
        return this == KEY ? "key_id" : apiName();
    }

    /** The dimension an API name stands for, or {@code null}. */
    public static UsageDimension of(String apiName) {
        for (UsageDimension d : values()) {
            if (d.apiName().equals(apiName.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        return null;
    }
}
