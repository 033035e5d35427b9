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
