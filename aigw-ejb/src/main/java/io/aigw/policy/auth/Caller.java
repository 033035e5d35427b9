package io.aigw.policy.auth;

import java.util.List;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param keyId         the key's public id (what the audit trail records; never the secret)
 * @param name          the key's name
 * @param tenant        the tenant the key belongs to
 * @param roles         its roles
 * @param allowedModels model patterns it may use ({@code *} wildcards); empty means every model
 */
public record Caller(String keyId, String name, String tenant, Set<GatewayRole> roles, List<String> allowedModels) {

    public Caller {
        roles = Set.copyOf(roles);
        allowedModels = List.copyOf(allowedModels);
    }

    public boolean has(GatewayRole role) {
        return roles.contains(role) || roles.contains(GatewayRole.ADMIN);
    }

    /** Whether the caller may read the audit trail (its own tenant's, or every tenant's). */
    public boolean readsAudit() {
        return has(GatewayRole.COMPLIANCE) || has(GatewayRole.AUDITOR);
    }

    /** The tenant whose audit records the caller may read, or {@code null} for every tenant (auditors, admins). */
    public String auditScope() {
        return has(GatewayRole.AUDITOR) ? null : tenant;
    }

    /** Whether the caller may use the model (gateway-qualified or plain id). */
    public boolean mayUse(String model) {
        if (allowedModels.isEmpty()) {
            return true;
        }
        for (String pattern : allowedModels) {
            if (matches(pattern, model)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code value} matches {@code pattern}, where {@code *} stands for any characters. */
    public static boolean matches(String pattern, String value) {
        if (!pattern.contains("*")) {
            return pattern.equals(value);
        }
        String[] parts = pattern.split("\\*", -1);
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == 0) {
                if (!value.startsWith(part)) {
                    return false;
                }
                at = part.length();
            } else if (i == parts.length - 1) {
                return value.length() - part.length() >= at && value.endsWith(part);
            } else {
                int found = value.indexOf(part, at);
                if (found < 0) {
                    return false;
                }
                at = found + part.length();
            }
        }
        return true;
    }
}
