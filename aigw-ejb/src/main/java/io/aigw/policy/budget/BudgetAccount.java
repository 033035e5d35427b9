package io.aigw.policy.budget;

import io.aigw.policy.quota.Scope;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * This node's share of one budget period. Reservations are served from the node's claim; when it does not cover one,
 * the node claims more under the budget's row lock, never beyond what the other nodes leave, so the claims of all
 * nodes stay within the budget. {@link #flush} writes the spend and gives back the idle part of the claim. Every
 * write of the node's row happens under this account's monitor, so a flush never overwrites a newer claim.
 */
final class BudgetAccount {

    /** A node's figures of one period, in billionths of the currency and in tokens. */
    record Figures(long claimedNanos, long spentNanos, long reservedNanos, long claimedTokens, long spentTokens,
                   long reservedTokens) {
    }

    /** Where the account reads and writes its row. */
    interface Rows {
        Connection open() throws SQLException;

        String node();

        int timeoutSeconds();
    }

    /** The outcome of a reservation attempt. */
    enum Result { RESERVED, REFUSED_MONEY, REFUSED_TOKENS, BUDGET_GONE }

    /** A claim covers this many times the request that asked for it, or this fraction of the budget (the larger). */
    private static final long CLAIM_MULTIPLE = 8;
    private static final long CLAIM_FRACTION = 64;

    private final Scope scope;
    private final long periodStart;
    private boolean loaded;
    private boolean dirty;
    private long claimedNanos;
    private long spentNanos;
    private long reservedNanos;
    private long claimedTokens;
    private long spentTokens;
    private long reservedTokens;
    /** What the other nodes held of the period at this node's last claim (for alert thresholds). */
    private long othersNanos;
    private long othersTokens;
    /** The alert fractions this node has reported for the period. */
    private final java.util.Set<java.math.BigDecimal> alerted = new java.util.HashSet<>();

    BudgetAccount(Scope scope, long periodStart) {
        this.scope = scope;
        this.periodStart = periodStart;
    }

    /**
     * Reserves {@code nanos} and {@code tokens} against limits ({@code null}: that figure is unlimited).
     */
    synchronized Result reserve(long nanos, long tokens, Long limitNanos, Long limitTokens, Rows rows)
            throws SQLException {
        load(rows);
        boolean moneyFits = limitNanos == null || claimedNanos - spentNanos - reservedNanos >= nanos;
        boolean tokensFit = limitTokens == null || claimedTokens - spentTokens - reservedTokens >= tokens;
        if (moneyFits && tokensFit) {
            take(nanos, tokens, limitNanos, limitTokens);
            return Result.RESERVED;
        }
        return claim(nanos, tokens, limitNanos, limitTokens, rows);
    }

    private Result claim(long nanos, long tokens, Long limitNanos, Long limitTokens, Rows rows) throws SQLException {
        long needNanos = spentNanos + reservedNanos + nanos;
        long needTokens = spentTokens + reservedTokens + tokens;
        try (Connection c = rows.open()) {
            c.setAutoCommit(false);
            try {
                if (!BudgetRows.lock(c, scope, rows.timeoutSeconds())) {
                    c.rollback();
                    return Result.BUDGET_GONE;
                }
                BudgetRows.Others others = BudgetRows.others(c, scope, periodStart, rows.node(), rows.timeoutSeconds());
                othersNanos = others.nanos();
                othersTokens = others.tokens();
                long newNanos = needNanos;
                if (limitNanos != null) {
                    newNanos = Math.min(limitNanos - others.nanos(),
                            needNanos + Math.max(nanos * CLAIM_MULTIPLE, limitNanos / CLAIM_FRACTION));
                    if (newNanos < needNanos) {
                        c.rollback();
                        return Result.REFUSED_MONEY;
                    }
                }
                long newTokens = needTokens;
                if (limitTokens != null) {
                    newTokens = Math.min(limitTokens - others.tokens(),
                            needTokens + Math.max(tokens * CLAIM_MULTIPLE, limitTokens / CLAIM_FRACTION));
                    if (newTokens < needTokens) {
                        c.rollback();
                        return Result.REFUSED_TOKENS;
                    }
                }
                Figures after = new Figures(newNanos, spentNanos, reservedNanos + nanos, newTokens, spentTokens,
                        reservedTokens + tokens);
                BudgetRows.write(c, scope, periodStart, rows.node(), after, rows.timeoutSeconds());
                c.commit();
                claimedNanos = newNanos;
                claimedTokens = newTokens;
                reservedNanos += nanos;
                reservedTokens += tokens;
                return Result.RESERVED;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void take(long nanos, long tokens, Long limitNanos, Long limitTokens) {
        reservedNanos += nanos;
        reservedTokens += tokens;
        if (limitNanos == null) {
            claimedNanos = Math.max(claimedNanos, spentNanos + reservedNanos);
        }
        if (limitTokens == null) {
            claimedTokens = Math.max(claimedTokens, spentTokens + reservedTokens);
        }
        dirty = true;
    }

    /**
     * The alert fractions the spend has now reached for the first time on this node (the other nodes' share as of
     * this node's last claim, which may count their unspent claims: alerts err early, never late).
     */
    synchronized java.util.List<java.math.BigDecimal> alerts(java.util.List<java.math.BigDecimal> fractions,
                                                             Long limitNanos, Long limitTokens) {
        java.util.List<java.math.BigDecimal> reached = new java.util.ArrayList<>();
        for (java.math.BigDecimal f : fractions) {
            boolean money = limitNanos != null && limitNanos > 0
                    && othersNanos + spentNanos >= f.multiply(java.math.BigDecimal.valueOf(limitNanos)).longValue();
            boolean tokens = limitTokens != null && limitTokens > 0
                    && othersTokens + spentTokens >= f.multiply(java.math.BigDecimal.valueOf(limitTokens)).longValue();
            if ((money || tokens) && alerted.add(f)) {
                reached.add(f);
            }
        }
        return reached;
    }

    /** What this node knows was spent in the period: its own, and the others' as of its last claim (money, tokens). */
    synchronized long[] seen() {
        return new long[]{othersNanos + spentNanos, othersTokens + spentTokens};
    }

    /** Replaces a reservation with what was really used (which may exceed it). */
    synchronized void settle(long reservedN, long reservedT, long usedNanos, long usedTokens) {
        reservedNanos -= reservedN;
        reservedTokens -= reservedT;
        spentNanos += usedNanos;
        spentTokens += usedTokens;
        claimedNanos = Math.max(claimedNanos, spentNanos + reservedNanos);
        claimedTokens = Math.max(claimedTokens, spentTokens + reservedTokens);
        dirty = true;
    }

    /**
     * Writes the node's spend and reservations and gives back the idle part of its claim, if anything changed.
     *
     * @return whether the account is idle (nothing reserved), so that a past period's account can be dropped
     */
    synchronized boolean flush(Rows rows) throws SQLException {
        if (dirty) {
            claimedNanos = spentNanos + reservedNanos;
            claimedTokens = spentTokens + reservedTokens;
            try (Connection c = rows.open()) {
                c.setAutoCommit(true);
                BudgetRows.write(c, scope, periodStart, rows.node(), figures(), rows.timeoutSeconds());
            }
            dirty = false;
        }
        return reservedNanos == 0 && reservedTokens == 0;
    }

    synchronized Figures figures() {
        return new Figures(claimedNanos, spentNanos, reservedNanos, claimedTokens, spentTokens, reservedTokens);
    }

    /** At first use, what this node had spent in the period before a restart. */
    private void load(Rows rows) throws SQLException {
        if (loaded) {
            return;
        }
        try (Connection c = rows.open()) {
            long[] own = BudgetRows.own(c, scope, periodStart, rows.node(), rows.timeoutSeconds());
            if (own != null) {
                spentNanos += own[0];
                spentTokens += own[1];
                claimedNanos = Math.max(claimedNanos, spentNanos + reservedNanos);
                claimedTokens = Math.max(claimedTokens, spentTokens + reservedTokens);
            }
        }
        loaded = true;
    }
}
