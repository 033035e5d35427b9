package io.aigw.policy.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Key management for the admin API: every change takes effect on this server at once. */
@Stateless
public class KeyAdministration {

    @EJB
    ApiKeyStore store;

    @Inject
    Authenticator authenticator;

    public IssuedKey create(String name, String tenant, Set<GatewayRole> roles, List<String> allowedModels) {
        IssuedKey issued = store.create(name, tenant, roles, allowedModels);
        authenticator.invalidate();
        return issued;
    }

    public List<ApiKey> list() {
        return store.list();
    }

    public Optional<ApiKey> find(String id) {
        return store.find(id);
    }

    public Optional<ApiKey> revoke(String id) {
        Optional<ApiKey> revoked = store.revoke(id);
        authenticator.invalidate();
        return revoked;
    }
}
