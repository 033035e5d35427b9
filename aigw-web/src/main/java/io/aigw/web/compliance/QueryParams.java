package io.aigw.web.compliance;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * A compliance request's query parameters, read strictly: a parameter the endpoint does not know, or one given twice,
 * is refused (a misspelt filter must not silently widen what a compliance team reads), and every value is checked.
 */
final class QueryParams {

    private final MultivaluedMap<String, String> params;

    QueryParams(MultivaluedMap<String, String> params, Set<String> known) {
        this.params = params;
        for (var e : params.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw invalid(e.getKey(), "Unknown query parameter '" + e.getKey() + "'. Known: "
                        + String.join(", ", known.stream().sorted().toList()) + ".");
            }
            if (e.getValue().size() > 1) {
                throw invalid(e.getKey(), "'" + e.getKey() + "' may be given once.");
            }
        }
    }

    /** Notes the query as sent in the request's audit record: who read or exported what is on record too. */
    static void noteQuery(io.aigw.policy.chain.Exchange ex, jakarta.ws.rs.core.UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        if (query != null && !query.isEmpty()) {
            ex.note("query", query);
        }
    }

    /** The value, {@code null} when absent or blank. */
    String text(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0).trim();
    }

    /** An ISO-8601 time (offset, or UTC without one) or date (its start in {@code zone}), as UTC. */
    LocalDateTime time(String name, ZoneId zone) {
        return timeOf(name, text(name), zone);
    }

    /** {@link #time} for a value read elsewhere, dates in UTC. */
    static LocalDateTime timeOf(String name, String value) {
        return timeOf(name, value == null || value.isBlank() ? null : value.trim(), ZoneOffset.UTC);
    }

    private static LocalDateTime timeOf(String name, String value, ZoneId zone) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(value).atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC)
                            .toLocalDateTime();
                } catch (DateTimeParseException e3) {
                    throw invalid(name, "'" + name + "' must be an ISO-8601 time such as 2026-11-21T10:00:00Z "
                            + "or a date such as 2026-11-21.");
                }
            }
        }
    }

    Integer integer(String name, Integer fallback, int min, int max) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid(name, "'" + name + "' must be an integer from " + min + " to " + max + ".");
    }

    Boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "'" + name + "' must be true or false.");
        };
    }

    /** One of the allowed values, or {@code null}. */
    String oneOf(String name, List<String> allowed) {
        String value = text(name);
        if (value != null && !allowed.contains(value)) {
            throw invalid(name, "'" + name + "' must be one of " + String.join(", ", allowed) + ".");
        }
        return value;
    }

    ZoneId zone(String name) {
        String value = text(name);
        if (value == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value);
        } catch (RuntimeException e) {
            throw invalid(name, "'" + name + "' must be a time zone such as Europe/Paris, UTC or +02:00.");
        }
    }

    static GatewayException invalid(String param, String message) {
        return new GatewayException(Problem.INVALID_REQUEST, message, param, null, null);
    }
}
