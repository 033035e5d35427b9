package io.aigw.policy.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * The audit table's columns, its insert statement and how an event binds to it and is read back. The same columns as
 * the {@link AuditRecord} mapping and the versioned DDL; the write path uses plain JDBC because the persistence
 * context's bookkeeping cost about a tenth of the request path's CPU for rows that are never read back in the same
 * transaction, and because it commits from any thread.
 */
final class AuditRows {

    static final String COLUMNS = "ID, REQUEST_ID, EVENT_TYPE, FORM_VERSION, DETAILS, NODE_ID, CHAIN_SEQ, OCCURRED_AT, "
            + "KEY_ID, TENANT, PRINCIPAL, OPERATION, HTTP_METHOD, PATH, CLIENT_ADDRESS, MODEL_REQUESTED, MODEL_RESOLVED, "
            + "CONNECTION_NAME, STREAMED, HTTP_STATUS, ERROR_CODE, ERROR_MESSAGE, INPUT_TOKENS, OUTPUT_TOKENS, "
            + "CACHED_INPUT_TOKENS, CACHE_WRITE_TOKENS, REASONING_TOKENS, USAGE_ESTIMATED, FINISH_REASON, LATENCY_MS, "
            + "FIRST_CHUNK_MS, PREV_HASH, RECORD_HASH";

    static final String INSERT = "INSERT INTO AIGW_AUDIT (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private AuditRows() {
    }

    static void bind(PreparedStatement ps, AuditRecord r) throws SQLException {
        int i = 0;
        ps.setString(++i, r.getId());
        ps.setString(++i, r.getRequestId());
        ps.setString(++i, r.getEventType());
        ps.setInt(++i, r.getFormVersion());
        ps.setString(++i, r.getDetails());
        ps.setString(++i, r.getNodeId());
        ps.setLong(++i, r.getChainSeq());
        ps.setTimestamp(++i, Timestamp.valueOf(r.getOccurredAt()));
        ps.setString(++i, r.getKeyId());
        ps.setString(++i, r.getTenant());
        ps.setString(++i, r.getPrincipal());
        ps.setString(++i, r.getOperation());
        ps.setString(++i, r.getMethod());
        ps.setString(++i, r.getPath());
        ps.setString(++i, r.getClientAddress());
        ps.setString(++i, r.getModelRequested());
        ps.setString(++i, r.getModelResolved());
        ps.setString(++i, r.getConnection());
        ps.setBoolean(++i, r.isStreamed());
        setInt(ps, ++i, r.getStatus());
        ps.setString(++i, r.getErrorCode());
        ps.setString(++i, r.getErrorMessage());
        setInt(ps, ++i, r.getInputTokens());
        setInt(ps, ++i, r.getOutputTokens());
        setInt(ps, ++i, r.getCachedInputTokens());
        setInt(ps, ++i, r.getCacheWriteTokens());
        setInt(ps, ++i, r.getReasoningTokens());
        ps.setBoolean(++i, r.isUsageEstimated());
        ps.setString(++i, r.getFinishReason());
        ps.setLong(++i, r.getLatencyMillis());
        if (r.getFirstChunkMillis() == null) {
            ps.setNull(++i, Types.BIGINT);
        } else {
            ps.setLong(++i, r.getFirstChunkMillis());
        }
        ps.setString(++i, r.getPrevHash());
        ps.setString(++i, r.getRecordHash());
    }

    /** The event at the result set's current row, selected with {@link #COLUMNS}. */
    static AuditRecord read(ResultSet rs) throws SQLException {
        AuditRecord r = new AuditRecord(rs.getString("ID"), rs.getString("REQUEST_ID"), rs.getString("EVENT_TYPE"));
        r.formVersion(rs.getInt("FORM_VERSION"));
        r.details(rs.getString("DETAILS"));
        r.link(rs.getString("NODE_ID"), rs.getLong("CHAIN_SEQ"), rs.getString("PREV_HASH"), rs.getString("RECORD_HASH"));
        r.occurredAt(rs.getTimestamp("OCCURRED_AT").toLocalDateTime());
        r.caller(rs.getString("KEY_ID"), rs.getString("TENANT"));
        r.principal(rs.getString("PRINCIPAL"));
        r.request(rs.getString("OPERATION"), rs.getString("HTTP_METHOD"), rs.getString("PATH"),
                rs.getString("CLIENT_ADDRESS"));
        r.routing(rs.getString("MODEL_REQUESTED"), rs.getString("MODEL_RESOLVED"), rs.getString("CONNECTION_NAME"),
                rs.getBoolean("STREAMED"));
        r.outcome(integer(rs, "HTTP_STATUS"), rs.getString("ERROR_CODE"), rs.getString("ERROR_MESSAGE"));
        r.usage(integer(rs, "INPUT_TOKENS"), integer(rs, "OUTPUT_TOKENS"), integer(rs, "CACHED_INPUT_TOKENS"),
                integer(rs, "CACHE_WRITE_TOKENS"), integer(rs, "REASONING_TOKENS"), rs.getBoolean("USAGE_ESTIMATED"));
        long firstChunk = rs.getLong("FIRST_CHUNK_MS");
        Long firstChunkMillis = rs.wasNull() ? null : firstChunk;
        r.timing(rs.getLong("LATENCY_MS"), firstChunkMillis, rs.getString("FINISH_REASON"));
        return r;
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
