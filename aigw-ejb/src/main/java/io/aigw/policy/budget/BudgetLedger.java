package io.aigw.policy.budget;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.NodeIdentity;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.quota.Scope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * This node's budget accounts (one per budget and period) and their rows in {@code AIGW_BUDGET_USE}. A request's
 * reservation takes no database round trip while the node's claim covers it; claims and flushes (every second, see
 * {@link io.aigw.policy.QuotaFlusher}) are the only writes. Plain JDBC in transactions of its own, never the
 * container's.
 */
@ApplicationScoped
public class BudgetLedger implements BudgetAccount.Rows {

    private static final Logger LOG = Logger.getLogger(BudgetLedger.class.getName());

    @Resource(lookup = "jdbc/aigw")
    DataSource dataSource;

    @Inject
    NodeIdentity nodeIdentity;

    @Inject
    GatewaySettings settings;

    private String node;
    private int timeoutSeconds;
    private final Map<AccountKey, BudgetAccount> accounts = new ConcurrentHashMap<>();

    private record AccountKey(Scope scope, long periodStart) {
    }

    /**
     * A reservation held against one budget.
     *
     * @param scope       whose budget
     * @param spec        the budget
     * @param periodStart the period (epoch seconds)
     * @param nanos       money reserved, in billionths
     * @param tokens      tokens reserved
     */
    public record Reservation(Scope scope, BudgetSpec spec, long periodStart, long nanos, long tokens) {
    }

    @PostConstruct
    void init() {
        configure(dataSource, nodeIdentity.id(), settings.auditStatementTimeout());
    }

    /** Sets where the rows live (what {@link #init()} takes from injection). */
    void configure(DataSource source, String nodeId, Duration statementTimeout) {
        this.dataSource = source;
        this.node = nodeId;
        this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
    }

    /**
     * Reserves against a budget, or refuses with 429 {@code insufficient_quota} naming the budget and its reset.
     *
     * @return the reservation, or {@code null} when the budget was deleted meanwhile
     */
    public Reservation reserve(Scope scope, BudgetSpec spec, Instant at, long nanos, long tokens) {
        long period = spec.period().start(at, spec.zone()).getEpochSecond();
        BudgetAccount account = accounts.computeIfAbsent(new AccountKey(scope, period),
                k -> new BudgetAccount(scope, period));
        Long limitNanos = spec.amount() == null ? null : toNanos(spec.amount());
        BudgetAccount.Result result;
        try {
            result = account.reserve(spec.amount() == null ? 0 : nanos, spec.tokens() == null ? 0 : tokens,
                    limitNanos, spec.tokens(), this);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not claim budget for " + scope, e);
            throw new GatewayException(Problem.QUOTA_STORE_UNAVAILABLE, "The budget store is unavailable, so the "
                    + "gateway cannot check the budget of " + BudgetMessages.who(scope) + ". Retry later.", null,
                    settings.auditProbeInterval(), e);
        }
        return switch (result) {
            case RESERVED -> new Reservation(scope, spec, period, spec.amount() == null ? 0 : nanos,
                    spec.tokens() == null ? 0 : tokens);
            case BUDGET_GONE -> null;
            case REFUSED_MONEY, REFUSED_TOKENS -> throw BudgetMessages.exhausted(scope, spec, at,
                    result == BudgetAccount.Result.REFUSED_TOKENS);
        };
    }

    /**
     * Settles a reservation to what the request really used.
     *
     * @return the budget's {@code alert_at} fractions the spend reached with it (each reported once per server and
     *         period, and logged)
     */
    public java.util.List<java.math.BigDecimal> settle(Reservation r, long usedNanos, long usedTokens) {
        BudgetAccount account = accounts.computeIfAbsent(new AccountKey(r.scope(), r.periodStart()),
                k -> new BudgetAccount(r.scope(), r.periodStart()));
        account.settle(r.nanos(), r.tokens(), r.spec().amount() == null ? 0 : usedNanos,
                r.spec().tokens() == null ? 0 : usedTokens);
        if (r.spec().alertAt().isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<java.math.BigDecimal> reached = account.alerts(r.spec().alertAt(),
                r.spec().amount() == null ? null : toNanos(r.spec().amount()), r.spec().tokens());
        for (java.math.BigDecimal f : reached) {
            LOG.warning("Budget alert: " + BudgetMessages.who(r.scope()) + " has used " + f.movePointRight(2)
                    .stripTrailingZeros().toPlainString() + "% of its " + r.spec().period().wireName() + " budget");
        }
        return reached;
    }

    /**
     * What this node knows was spent in a reservation's period, its own and the others' as of its last claim:
     * the amount and the tokens.
     */
    public Spend seen(Reservation r) {
        BudgetAccount account = accounts.get(new AccountKey(r.scope(), r.periodStart()));
        long[] seen = account == null ? new long[2] : account.seen();
        return new Spend(fromNanos(seen[0]), seen[1]);
    }

    /** Money (in the budget's currency) and tokens spent. */
    public record Spend(java.math.BigDecimal amount, long tokens) {
    }

    /** Writes every changed account; drops idle accounts of past periods. */
    public void flush() {
        for (Map.Entry<AccountKey, BudgetAccount> e : accounts.entrySet()) {
            try {
                boolean idle = e.getValue().flush(this);
                if (idle && e.getKey().periodStart() < Instant.now().getEpochSecond() - 40L * 24 * 3600) {
                    accounts.remove(e.getKey(), e.getValue());
                }
            } catch (SQLException ex) {
                LOG.log(Level.WARNING, "Could not write the budget use of " + e.getKey().scope()
                        + "; retried at the next flush", ex);
            }
        }
    }

    /** The budget's period figures across all nodes (this node's written first). */
    public BudgetRows.Totals totals(Scope scope, BudgetSpec spec, Instant at) throws SQLException {
        long period = spec.period().start(at, spec.zone()).getEpochSecond();
        BudgetAccount account = accounts.get(new AccountKey(scope, period));
        if (account != null) {
            account.flush(this);
        }
        try (Connection c = open()) {
            return BudgetRows.totals(c, scope, period, timeoutSeconds);
        }
    }

    static long toNanos(java.math.BigDecimal amount) {
        return amount.movePointRight(PriceSpec.SCALE).setScale(0, java.math.RoundingMode.UP).longValueExact();
    }

    static java.math.BigDecimal fromNanos(long nanos) {
        return java.math.BigDecimal.valueOf(nanos, PriceSpec.SCALE).stripTrailingZeros();
    }

    @Override
    public Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public int timeoutSeconds() {
        return timeoutSeconds;
    }
}
