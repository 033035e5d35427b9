package io.aigw.policy.usage;

/**
 * Which usage a report reads; {@code null} means any.
 *
 * @param scopeTenant the only tenant whose usage may be read (the caller's, for a tenant-scoped caller)
 * @param tenant      only this tenant
 * @param keyId       only this key
 * @param model       only this model (the one that answered, else the one requested)
 * @param route       only the requests that named this route ({@code ""}: those that named a model directly)
 */
public record UsageFilter(String scopeTenant, String tenant, String keyId, String model, String route) {

    /** No filter: every tenant's usage. */
    public static final UsageFilter NONE = new UsageFilter(null, null, null, null, null);
}
