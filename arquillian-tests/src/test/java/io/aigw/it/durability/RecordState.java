package io.aigw.it.durability;

import io.aigw.it.support.Gateway;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;

/**
 * What {@code GET /compliance/audit/{id}} says of a request: its {@code state} and {@code status} as JSON text
 * ({@code "null"} for JSON null), or the HTTP status and body when there is no record.
 *
 * @param state  the record's state, e.g. {@code completed}
 * @param status the record's HTTP status as JSON text, e.g. {@code 200} or {@code null}
 */
record RecordState(String state, String status) {

    /** A request answered in full. */
    static final RecordState COMPLETED_200 = new RecordState("completed", "200");
    /** A request whose server died before it ended. */
    static final RecordState INTERRUPTED = new RecordState("interrupted", "null");

    /** Reads the record of a request with this key. */
    static RecordState of(Gateway gateway, String key, String requestId) {
        HttpResponse<String> r = gateway.get("/compliance/audit/" + requestId, key);
        if (r.statusCode() != 200) {
            return new RecordState("(no record: HTTP " + r.statusCode() + ")", r.body());
        }
        JsonObject row = Gateway.json(r);
        return new RecordState(text(row.get("state")), text(row.get("status")));
    }

    private static String text(JsonValue value) {
        if (value == null) {
            return "(absent)";
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
