package io.aigw.it.durability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The audit events in {@code AIGW_AUDIT} as the database holds them, read and tampered with over JDBC behind the
 * gateway's back.
 */
final class AuditEvents {

    /**
     * One event's place in its node's hash chain.
     *
     * @param id   the event's {@code ID}
     * @param node its {@code NODE_ID}
     * @param seq  its {@code CHAIN_SEQ}
     */
    record Event(String id, String node, long seq) {
    }

    /**
     * A whole row as it was, to put back after deleting it.
     *
     * @param columns the column names
     * @param types   their {@link java.sql.Types}
     * @param values  their values (null for SQL NULL)
     */
    record SavedRow(List<String> columns, List<Integer> types, List<Object> values) {
    }

    private final NetworkDatabase database;

    AuditEvents(NetworkDatabase database) {
        this.database = database;
    }

    /** Whether the gateway's schema is in the network database (the gateway created it there). */
    boolean hasAuditTable() throws SQLException {
        try (Connection c = database.connect();
             ResultSet rs = c.getMetaData().getTables(null, null, "AIGW_AUDIT", null)) {
            return rs.next();
        }
    }

    /** The request's only event of this type ({@code accepted}, {@code outcome}). */
    Event of(String requestId, String eventType) throws SQLException {
        List<Event> found = query("SELECT ID, NODE_ID, CHAIN_SEQ FROM AIGW_AUDIT WHERE REQUEST_ID = ? AND EVENT_TYPE = ?",
                requestId, eventType);
        if (found.size() != 1) {
            throw new AssertionError("request " + requestId + " has " + found.size() + " '" + eventType + "' events");
        }
        return found.get(0);
    }

    /** The event that follows this one in its node's chain. */
    Event next(Event event) throws SQLException {
        List<Event> found = query("SELECT ID, NODE_ID, CHAIN_SEQ FROM AIGW_AUDIT WHERE NODE_ID = ? AND CHAIN_SEQ > ?"
                + " ORDER BY CHAIN_SEQ FETCH FIRST 1 ROWS ONLY", event.node(), event.seq());
        if (found.isEmpty()) {
            throw new AssertionError("no event after " + event);
        }
        return found.get(0);
    }

    /** Adds to an event's {@code OUTPUT_TOKENS}. */
    void addOutputTokens(String id, int delta) throws SQLException {
        update("UPDATE AIGW_AUDIT SET OUTPUT_TOKENS = OUTPUT_TOKENS + ? WHERE ID = ? AND OUTPUT_TOKENS IS NOT NULL",
                delta, id);
    }

    /** Every column of an event's row. */
    SavedRow copy(String id) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT * FROM AIGW_AUDIT WHERE ID = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no event " + id);
                }
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                List<Integer> types = new ArrayList<>();
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i));
                    types.add(meta.getColumnType(i));
                    values.add(rs.getObject(i));
                }
                return new SavedRow(columns, types, values);
            }
        }
    }

    /** Deletes an event's row. */
    void delete(String id) throws SQLException {
        update("DELETE FROM AIGW_AUDIT WHERE ID = ?", id);
    }

    /** Inserts a saved row again, exactly as it was. */
    void insert(SavedRow row) throws SQLException {
        String sql = "INSERT INTO AIGW_AUDIT (" + String.join(", ", row.columns()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(row.columns().size(), "?")) + ")";
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < row.columns().size(); i++) {
                if (row.values().get(i) == null) {
                    s.setNull(i + 1, row.types().get(i));
                } else {
                    s.setObject(i + 1, row.values().get(i), row.types().get(i));
                }
            }
            s.executeUpdate();
        }
    }

    private List<Event> query(String sql, Object... parameters) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return events;
        }
    }

    /** Runs a statement that must change exactly one row. */
    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            int changed = s.executeUpdate();
            if (changed != 1) {
                throw new AssertionError(sql + " changed " + changed + " rows");
            }
        }
    }

    private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
    }
}
