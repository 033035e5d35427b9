package io.aigw.policy.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The DDL scripts of one database product: {@code META-INF/aigw/sql/<dialect>/V<n>__<name>.sql}, numbered from 1
 * without gaps, statements separated by {@code ;} at the end of a line.
 */
final class SchemaScripts {

    /** The highest version this build knows. */
    static final int LATEST = 10;
    private static final String[] NAMES = {null, "V1__audit_and_keys.sql", "V2__cache_write_tokens.sql",
            "V3__audit_events.sql", "V4__compliance_at_scale.sql", "V5__quotas.sql", "V6__routes.sql",
            "V7__guardrails.sql", "V8__application_grants.sql", "V9__usage_by_route.sql",
            "V10__alerts.sql"};

    private SchemaScripts() {
    }

    /** The statements of one version's script. */
    static List<String> statements(SqlDialect dialect, int version) {
        String path = "/META-INF/aigw/sql/" + dialect.scriptFolder() + "/" + NAMES[version];
        try (InputStream in = SchemaScripts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema script " + path);
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
