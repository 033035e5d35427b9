package io.aigw.it.support;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads audit rows through the compliance API, with the admin key. */
public final class AuditTrail {

    private final Gateway gateway;

    public AuditTrail(Gateway gateway) {
        this.gateway = gateway;
    }

    /** The row of a request, which must exist now (no waiting). */
    public JsonObject row(String requestId) {
        HttpResponse<String> r = gateway.get("/compliance/audit/" + requestId, Gateway.ADMIN_KEY);
        if (r.statusCode() != 200) {
            throw new AssertionError("no audit row " + requestId + ": " + r.statusCode() + " " + r.body());
        }
        return Gateway.json(r);
    }

    /**
     * A summary record of the failed authentications in the second of a request that failed
     * authentication (requests without a valid key are summarised per client address and second; the summary is
     * written once the second is over), polled until it appears.
     */
    public JsonObject awaitAuthFailure(String requestId) {
        long millis = java.util.UUID.fromString(requestId).getMostSignificantBits() >>> 16;
        java.time.Instant second = java.time.Instant.ofEpochMilli(millis).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String query = "/compliance/audit?status=401&limit=1000&from=" + second + "&to=" + second.plusSeconds(1);
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        do {
            HttpResponse<String> r = gateway.get(query, Gateway.ADMIN_KEY);
            if (r.statusCode() == 200) {
                Optional<JsonObject> found = Gateway.json(r).getJsonArray("data").getValuesAs(JsonObject.class)
                        .stream().filter(o -> o.containsKey("failures")).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll interval
        } while (System.nanoTime() < end);
        throw new AssertionError("no summary of failed authentications at " + second);
    }

    /**
     * The record of a request once its outcome is written, polled until then or until the deadline passes (for
     * requests the client abandoned: the record exists as {@code in_progress} from the moment it was accepted).
     */
    public Optional<JsonObject> awaitRow(String requestId, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        do {
            HttpResponse<String> r = gateway.get("/compliance/audit/" + requestId, Gateway.ADMIN_KEY);
            if (r.statusCode() == 200 && !"in_progress".equals(Gateway.json(r).getString("state"))) {
                return Optional.of(Gateway.json(r));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval
        } while (System.nanoTime() < end);
        return Optional.empty();
    }
}
