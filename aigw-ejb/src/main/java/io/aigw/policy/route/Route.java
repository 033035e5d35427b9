package io.aigw.policy.route;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;

/**
 * A route as requests see it, or one of its versions.
 *
 * @param name      the name clients send as the model (no {@code /})
 * @param version   its version (1 for the first; a file-managed route counts the file's changes to it)
 * @param spec      its definition, or {@code null} for a version that deleted it
 * @param source    {@code api} or {@code file}
 * @param changedAt when this version was made
 * @param changedBy the key that made it ({@code file} for a file-managed route)
 */
public record Route(String name, int version, RouteSpec spec, String source, Instant changedAt, String changedBy) {

    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    private static final JsonProvider JSON = JsonProvider.provider();

    public boolean deleted() {
        return spec == null;
    }

    /** The route's document: its name, version and provenance, then its definition. */
    public JsonObject toJson() {
        JsonObjectBuilder out = JSON.createObjectBuilder().add("name", name).add("version", version)
                .add("source", source).add("changed_at", changedAt.toString()).add("changed_by", changedBy);
        if (spec == null) {
            out.add("deleted", true);
        } else {
            for (var e : spec.toJson().entrySet()) {
                out.add(e.getKey(), e.getValue() == null ? JsonValue.NULL : e.getValue());
            }
        }
        return out.build();
    }
}
