package io.aigw.policy.audit;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks each node's chain in sequence order, a row at a time (constant memory), and reports the first event whose
 * link does not hold: a gap in the sequence (an event deleted), a previous hash that is not the previous event's, or a
 * hash that is not its canonical form's (an event changed). A chain may begin at a retention purge's anchor; rows
 * written before the chain existed are counted apart and may only precede it.
 */
public final class AuditVerifier {

    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * Where a chain breaks.
     *
     * @param node its node
     * @param seq  the sequence number of the first event that does not link
     * @param id   that event's id, or {@code null} when it is missing from the end of the chain
     */
    public record Break(String node, long seq, String id) {
    }

    /**
     * The verification's result.
     *
     * @param verified   chained events that verified
     * @param unchained  rows written before the chain existed
     * @param firstBreak the first break, or {@code null}
     */
    public record Result(long verified, long unchained, Break firstBreak) {
    }

    private final AuditChain chain;
    private final int timeoutSeconds;

    AuditVerifier(AuditChain chain, int timeoutSeconds) {
        this.chain = chain;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * @param from      only events of requests from this time (inclusive), or {@code null}
     * @param to        only events before this time, or {@code null}
     * @param onlyNode  only this node's chain, or {@code null}
     * @param knownHeads the last committed sequence number of chains whose writer is known to this server (to detect
     *                  events deleted from a chain's end); consulted only without {@code from}/{@code to}
     */
    Result verify(Connection c, LocalDateTime from, LocalDateTime to, String onlyNode, Map<String, Long> knownHeads)
            throws SQLException {
        // PostgreSQL's driver reads a result in fetch-size chunks only inside a transaction; in auto-commit mode it
        // would hold every row of a chain in memory at once
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            return walk(c, from, to, onlyNode, knownHeads);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    private Result walk(Connection c, LocalDateTime from, LocalDateTime to, String onlyNode,
                        Map<String, Long> knownHeads) throws SQLException {
        long verified = 0;
        long unchained = 0;
        for (Range range : ranges(c, from, to, onlyNode)) {
            NodeWalk walk = new NodeWalk(range.node, anchors(c, range.node), from != null || to != null);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AuditRows.COLUMNS + " FROM AIGW_AUDIT "
                    + "WHERE NODE_ID = ? AND CHAIN_SEQ BETWEEN ? AND ? ORDER BY CHAIN_SEQ")) {
                ps.setQueryTimeout(0);
                ps.setFetchSize(500);
                ps.setString(1, range.node);
                ps.setLong(2, range.low);
                ps.setLong(3, range.high);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Break b = walk.next(AuditRows.read(rs));
                        if (b != null) {
                            return new Result(verified + walk.verified, unchained + walk.unchained, b);
                        }
                    }
                }
            }
            verified += walk.verified;
            unchained += walk.unchained;
            Long head = knownHeads.get(range.node);
            if (from == null && to == null && head != null && head > walk.lastSeq) {
                return new Result(verified, unchained, new Break(range.node, walk.lastSeq + 1, null));
            }
        }
        return new Result(verified, unchained, null);
    }

    private record Range(String node, long low, long high) {
    }

    private List<Range> ranges(Connection c, LocalDateTime from, LocalDateTime to, String onlyNode) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT NODE_ID, MIN(CHAIN_SEQ), MAX(CHAIN_SEQ) FROM AIGW_AUDIT WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND OCCURRED_AT >= ?");
            args.add(Timestamp.valueOf(from));
        }
        if (to != null) {
            sql.append(" AND OCCURRED_AT < ?");
            args.add(Timestamp.valueOf(to));
        }
        if (onlyNode != null) {
            sql.append(" AND NODE_ID = ?");
            args.add(onlyNode);
        }
        sql.append(" GROUP BY NODE_ID ORDER BY NODE_ID");
        List<Range> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setQueryTimeout(timeoutSeconds * 12);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Range(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /** A node's purge anchors: the last purged sequence number and its hash, by the number after it. */
    private Map<Long, String> anchors(Connection c, String node) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DETAILS FROM AIGW_AUDIT WHERE NODE_ID = ? AND EVENT_TYPE = 'purge'")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String details = rs.getString(1);
                    if (details == null) {
                        continue;
                    }
                    try (var reader = JSON.createReader(new StringReader(details))) {
                        JsonObject d = reader.readObject();
                        out.put(d.getJsonNumber("through_seq").longValue() + 1, d.getString("through_hash"));
                    } catch (RuntimeException malformed) {
                        // a purge event whose details were altered fails its own hash when the walk reaches it
                    }
                }
            }
        }
        return out;
    }

    /** The walk along one node's chain. */
    private final class NodeWalk {
        private final String node;
        private final Map<Long, String> anchors;
        private final boolean partial;
        private boolean chained;
        private Long previousSeq;
        private String previousHash;
        long verified;
        long unchained;
        long lastSeq;

        NodeWalk(String node, Map<Long, String> anchors, boolean partial) {
            this.node = node;
            this.anchors = anchors;
            this.partial = partial;
        }

        Break next(AuditRecord e) {
            long seq = e.getChainSeq();
            lastSeq = seq;
            if (e.getFormVersion() == 0) {
                if (chained) {
                    return broken(e);
                }
                unchained++;
                previousSeq = seq;
                return null;
            }
            boolean linked;
            if (!chained) {
                chained = true;
                linked = partial && previousSeq == null
                        || AuditChain.GENESIS.equals(e.getPrevHash()) && (previousSeq == null ? seq == 1
                        : previousSeq == seq - 1)
                        || previousSeq == null && e.getPrevHash() != null && e.getPrevHash().equals(anchors.get(seq));
            } else {
                linked = previousSeq == seq - 1 && previousHash.equals(e.getPrevHash());
            }
            if (!linked || e.getRecordHash() == null || !e.getRecordHash().equals(hashOf(e))) {
                return broken(e);
            }
            verified++;
            previousSeq = seq;
            previousHash = e.getRecordHash();
            return null;
        }

        private String hashOf(AuditRecord e) {
            try {
                return chain.hash(e);
            } catch (IllegalArgumentException unknownForm) {
                return null;
            }
        }

        private Break broken(AuditRecord e) {
            return new Break(node, e.getChainSeq(), e.getId());
        }
    }
}
