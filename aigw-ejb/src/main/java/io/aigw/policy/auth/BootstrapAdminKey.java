package io.aigw.policy.auth;

import io.aigw.policy.config.DataFolder;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Makes sure an administrator can get in. {@code aigw.bootstrap.admin-key} (env {@code AIGW_BOOTSTRAP_ADMIN_KEY}) is
 * stored as an admin key if it is not there yet; without it, the first start (no active admin key) generates one,
 * writes it to {@value #KEY_FILE} in the data folder (owner-only) and logs the file's path, never the key. Servers
 * starting together on one database with the same key store it once: a store that fails because another server has
 * just stored the key is no failure.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class BootstrapAdminKey {

    static final String KEY_FILE = "aigw-admin.key";
    private static final Logger LOG = Logger.getLogger(BootstrapAdminKey.class.getName());

    @EJB
    ApiKeyStore store;

    @Inject
    GatewaySettings settings;

    @Inject
    DataFolder dataFolder;

    @PostConstruct
    void ensureAdminKey() {
        Optional<String> configured = settings.bootstrapAdminKey();
        if (configured.isPresent()) {
            if (storeUnlessPresent("bootstrap-admin", configured.get())) {
                LOG.info("Stored the bootstrap admin key from aigw.bootstrap.admin-key");
            }
            return;
        }
        if (store.activeAdminCount() > 0) {
            return;
        }
        String secret = dataFolder.secret(KEY_FILE, () -> ApiKeyStore.SECRET_PREFIX + KeyHasher.randomToken());
        storeUnlessPresent("generated-admin", secret);
        // a warning, so that it reaches the server's console (which shows no info messages), not only messages.log
        LOG.warning("No admin key was configured (AIGW_BOOTSTRAP_ADMIN_KEY): generated one into "
                + dataFolder.path().resolve(KEY_FILE) + " (readable by its owner only)");
    }

    /** Stores an admin key with this secret unless some key has it; whether this server stored it. */
    private boolean storeUnlessPresent(String name, String secret) {
        if (store.exists(secret)) {
            return false;
        }
        if (store.storeIfNoneHasIt(name, Set.of(GatewayRole.ADMIN), secret)) {
            return true;
        }
        if (store.exists(secret)) {
            return false; // another server sharing the database stored it meanwhile
        }
        throw new IllegalStateException("the " + name + " key could not be stored");
    }
}
