package io.aigw.web.compliance;

import io.aigw.policy.audit.AuditRecord;
import io.aigw.policy.audit.AuditView;

/** Audit rows as RFC 4180 CSV with a header line; cells that spreadsheets would run as formulas are defused. */
final class AuditCsv {

    static final String HEADER = "id,node_id,chain_seq,occurred_at,key_id,tenant,principal,operation,method,path,model_requested,"
            + "model_resolved,connection,stream,status,error_code,input_tokens,output_tokens,cached_input_tokens,"
            + "cache_write_tokens,reasoning_tokens,usage_estimated,finish_reason,latency_ms,state";

    private AuditCsv() {
    }

    /** One record's line, ended by CRLF. */
    static String line(AuditView v) {
        AuditRecord r = v.record();
        Object[] cells = {r.getRequestId(), r.getNodeId(), r.getChainSeq(), r.getOccurredAt() + "Z", r.getKeyId(),
                r.getTenant(), r.getPrincipal(), r.getOperation(), r.getMethod(), r.getPath(), r.getModelRequested(),
                r.getModelResolved(), r.getConnection(), r.isStreamed(), r.getStatus(), r.getErrorCode(),
                r.getInputTokens(), r.getOutputTokens(), r.getCachedInputTokens(), r.getCacheWriteTokens(),
                r.getReasoningTokens(), r.isUsageEstimated(), r.getFinishReason(), r.getLatencyMillis(), v.state()};
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells[i]));
        }
        return sb.append("\r\n").toString();
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
