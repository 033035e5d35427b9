package io.aigw.policy.quota;

/**
 * What a limit or budget is attached to: a tenant or a key.
 *
 * @param type {@code tenant} or {@code key}
 * @param id   the tenant's or key's id
 */
public record Scope(String type, String id) {

    public static final String TENANT = "tenant";
    public static final String KEY = "key";

    public static Scope tenant(String id) {
        return new Scope(TENANT, id);
    }

    public static Scope key(String id) {
        return new Scope(KEY, id);
    }

    /** {@code tenant:acme}, {@code key:key_0123}: how decisions and messages name it. */
    @Override
    public String toString() {
        return type + ":" + id;
    }
}
