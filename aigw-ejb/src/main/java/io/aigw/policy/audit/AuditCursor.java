package io.aigw.policy.audit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A position in the audit list (newest first, then node and sequence, descending): the last record of a page. Opaque
 * to clients (base64url); a page after it starts at the next record in that order, however many records arrive
 * meanwhile, so a walk through a large trail reads each record once at the cost of an index range read per page.
 *
 * @param occurredAt the record's time (UTC)
 * @param node       its node
 * @param seq        its sequence number in the node's chain
 */
public record AuditCursor(LocalDateTime occurredAt, String node, long seq) {

    private static final String VERSION = "1";

    static AuditCursor after(AuditRecord r) {
        return new AuditCursor(r.getOccurredAt(), r.getNodeId(), r.getChainSeq());
    }

    /** The cursor as clients see it. */
    public String encode() {
        String text = VERSION + "|" + occurredAt + "|" + seq + "|" + node;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a client sent back.
     *
     * @throws IllegalArgumentException if it is not one this gateway issued
     */
    public static AuditCursor decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", 4);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[3].isEmpty()) {
                throw new IllegalArgumentException("not an audit cursor");
            }
            return new AuditCursor(LocalDateTime.parse(parts[1]), parts[3], Long.parseLong(parts[2]));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not an audit cursor", e);
        }
    }
}
