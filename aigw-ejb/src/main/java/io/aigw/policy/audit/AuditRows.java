package io.aigw.policy.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * The audit table's insert statement and how a record binds to it. The same columns as the {@link AuditRecord}
 * mapping and the versioned DDL; the write path uses plain JDBC because the persistence context's bookkeeping cost
 * about a tenth of the request path's CPU for rows that are never read back in the same transaction.
 */
final class AuditRows {

    static final String INSERT = "INSERT INTO AIGW_AUDIT (ID, NODE_ID, CHAIN_SEQ, OCCURRED_AT, KEY_ID, TENANT, "
            + "OPERATION, HTTP_METHOD, PATH, CLIENT_ADDRESS, MODEL_REQUESTED, MODEL_RESOLVED, CONNECTION_NAME, "
            + "STREAMED, HTTP_STATUS, ERROR_CODE, ERROR_MESSAGE, INPUT_TOKENS, OUTPUT_TOKENS, CACHED_INPUT_TOKENS, "
            + "CACHE_WRITE_TOKENS, REASONING_TOKENS, USAGE_ESTIMATED, FINISH_REASON, LATENCY_MS, FIRST_CHUNK_MS, "
            + "PREV_HASH, RECORD_HASH) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private AuditRows() {
    }

    static void bind(PreparedStatement ps, AuditRecord r) throws SQLException {
        int i = 0;
        ps.setString(++i, r.getId());
        ps.setString(++i, r.getNodeId());
        ps.setLong(++i, r.getChainSeq());
        ps.setTimestamp(++i, Timestamp.valueOf(r.getOccurredAt()));
        ps.setString(++i, r.getKeyId());
        ps.setString(++i, r.getTenant());
        ps.setString(++i, r.getOperation());
        ps.setString(++i, r.getMethod());
        ps.setString(++i, r.getPath());
        ps.setString(++i, r.getClientAddress());
        ps.setString(++i, r.getModelRequested());
        ps.setString(++i, r.getModelResolved());
        ps.setString(++i, r.getConnection());
        ps.setBoolean(++i, r.isStreamed());
        ps.setInt(++i, r.getStatus());
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

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
