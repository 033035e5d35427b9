package io.aigw.policy.budget;

import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.config.RefreshedValue;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The price versions as the request path reads them, reloaded when older than {@code aigw.quotas.refresh} and at
 * once after a change on this server; a failed reload keeps the previous table.
 */
@ApplicationScoped
public class PriceTable {

    /** The currency a request's cost is recorded in when no budget names one and the model has several prices. */
    static final String PREFERRED_CURRENCY = "USD";

    @EJB
    PriceStore store;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    private RefreshedValue<List<PriceVersion>> versions;

    @PostConstruct
    void init() {
        versions = new RefreshedValue<>("price table", () -> List.copyOf(store.all()), settings.quotasRefresh(),
                clock::nanos);
    }

    /** The version in force for a model and currency at {@code at}. */
    public Optional<PriceVersion> find(String model, String currency, Instant at) {
        PriceVersion best = null;
        for (PriceVersion v : versions()) {
            if (v.model().equals(model) && v.currency().equals(currency) && !v.effectiveFrom().isAfter(at)
                    && (best == null || later(v, best))) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The version in force for a model at {@code at} in the preferred currency, else in any. */
    public Optional<PriceVersion> findAny(String model, Instant at) {
        Optional<PriceVersion> preferred = find(model, PREFERRED_CURRENCY, at);
        if (preferred.isPresent()) {
            return preferred;
        }
        return versions().stream().map(PriceVersion::currency).distinct().sorted()
                .map(c -> find(model, c, at)).flatMap(Optional::stream).findFirst();
    }

    /** Every model's and currency's version in force at {@code at}. */
    public List<PriceVersion> current(Instant at) {
        List<PriceVersion> out = new ArrayList<>();
        versions().stream().map(v -> v.model() + "\u0000" + v.currency()).distinct().forEach(k -> {
            String[] mc = k.split("\u0000", 2);
            find(mc[0], mc[1], at).ifPresent(out::add);
        });
        out.sort(Comparator.comparing(PriceVersion::model).thenComparing(PriceVersion::currency));
        return out;
    }

    /** Every version stored. */
    public List<PriceVersion> history() {
        return versions();
    }

    public void invalidate() {
        versions.invalidate();
    }

    private List<PriceVersion> versions() {
        return versions.get();
    }

    private static boolean later(PriceVersion a, PriceVersion b) {
        int c = a.effectiveFrom().compareTo(b.effectiveFrom());
        return c > 0 || (c == 0 && a.version() > b.version());
    }
}
