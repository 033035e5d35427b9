package io.aigw.web.compliance;

import io.aigw.codec.json.JsonText;
import io.aigw.policy.audit.AuditCursor;
import io.aigw.policy.audit.AuditFilter;
import io.aigw.policy.audit.AuditPage;
import io.aigw.policy.audit.AuditQuery;
import io.aigw.policy.audit.AuditView;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * An export being written: pages of {@value #PAGE} records read one after the other through the list's cursor (each
 * page a short read of its own, so the export holds no database resources between pages and memory stays constant
 * whatever the trail's size), each written and flushed before the next is read.
 */
final class AuditExport implements StreamingOutput {

    static final int PAGE = 1000;

    private final AuditQuery audit;
    private final AuditFilter filter;
    private final String scopeTenant;
    private final boolean csv;

    AuditExport(AuditQuery audit, AuditFilter filter, String scopeTenant, boolean csv) {
        this.audit = audit;
        this.filter = filter;
        this.scopeTenant = scopeTenant;
        this.csv = csv;
    }

    String mediaType() {
        return csv ? "text/csv;charset=utf-8" : "application/x-ndjson;charset=utf-8";
    }

    String fileName() {
        return csv ? "aigw-audit.csv" : "aigw-audit.jsonl";
    }

    @Override
    public void write(OutputStream output) throws IOException {
        Writer out = new OutputStreamWriter(output, StandardCharsets.UTF_8);
        if (csv) {
            out.write(AuditCsv.HEADER);
            out.write("\r\n");
        }
        AuditCursor cursor = null;
        do {
            AuditPage page;
            try {
                page = audit.page(filter, scopeTenant, cursor, 0, PAGE, false);
            } catch (SQLException | RuntimeException e) {
                throw new IOException("the audit export stopped: the audit trail could not be read", e);
            }
            for (AuditView v : page.rows()) {
                out.write(csv ? AuditCsv.line(v) : JsonText.write(AuditJson.of(v)) + "\n");
            }
            out.flush();
            cursor = page.next();
        } while (cursor != null);
        out.flush();
    }
}
