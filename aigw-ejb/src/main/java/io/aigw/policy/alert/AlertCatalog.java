package io.aigw.policy.alert;

import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.config.RefreshedValue;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The alerts as evaluation reads them: loaded from the database, again after a change on this server and at least
 * every {@code aigw.quotas.refresh} (changes made on another server).
 */
@ApplicationScoped
public class AlertCatalog {

    @EJB
    AlertStore store;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    private RefreshedValue<List<Alert>> alerts;

    @PostConstruct
    void init() {
        alerts = new RefreshedValue<>("alerts", () -> store.all().stream().map(Alert::of).toList(),
                settings.quotasRefresh(), clock::nanos);
    }

    /** Every alert. */
    public List<Alert> all() {
        return alerts.get();
    }

    /** Every alert of one kind. */
    public List<Alert> of(AlertKind kind) {
        return all().stream().filter(a -> a.spec().kind() == kind).toList();
    }

    /** Forgets the loaded alerts (after a change on this server). */
    public void invalidate() {
        alerts.invalidate();
    }
}
