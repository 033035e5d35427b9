package io.aigw.policy.audit;

import io.aigw.policy.RequestIds;
import io.aigw.policy.chain.Exchange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentications, summarised: one audit event per client address and second, with the count, the first and
 * last request ids and the paths asked for, instead of a durable record each. A client spraying keys then costs an
 * HMAC and a cache or database lookup per request, not a commit, and cannot slow the valid traffic's group commits.
 * At most {@value #MAX_ADDRESSES} addresses are tracked per second; beyond, failures count under {@code *}.
 */
final class AuthFailureSummary {

    static final String EVENT = "auth_failure";
    static final int MAX_ADDRESSES = 10_000;
    private static final int MAX_PATHS = 5;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** One address's failures within one second. */
    private static final class Bucket {
        final long second;
        final String address;
        final String firstRequestId;
        String lastRequestId;
        String lastMethod;
        int count;
        final List<String> paths = new ArrayList<>(MAX_PATHS);

        Bucket(long second, String address, String firstRequestId) {
            this.second = second;
            this.address = address;
            this.firstRequestId = firstRequestId;
        }
    }

    /** Counts the failed request; returns the events of buckets it closed (an earlier second of its address). */
    List<AuditRecord> add(Exchange exchange) {
        long second = exchange.receivedAt().getEpochSecond();
        String address = exchange.call().clientAddress() == null ? "?" : exchange.call().clientAddress();
        if (buckets.size() >= MAX_ADDRESSES && !buckets.containsKey(address)) {
            address = "*";
        }
        List<AuditRecord> closed = new ArrayList<>(0);
        String key = address;
        buckets.compute(key, (k, b) -> {
            if (b != null && b.second != second) {
                closed.add(event(b));
                b = null;
            }
            if (b == null) {
                b = new Bucket(second, k, exchange.id());
            }
            b.count++;
            b.lastRequestId = exchange.id();
            b.lastMethod = exchange.call().method();
            String path = exchange.call().path();
            if (path != null && b.paths.size() < MAX_PATHS && !b.paths.contains(path)) {
                b.paths.add(path);
            }
            return b;
        });
        return closed;
    }

    /** The events of every bucket older than {@code nowSecond}, removed. */
    List<AuditRecord> drainBefore(long nowSecond) {
        List<AuditRecord> out = new ArrayList<>();
        for (String address : buckets.keySet()) {
            buckets.computeIfPresent(address, (k, b) -> {
                if (b.second < nowSecond) {
                    out.add(event(b));
                    return null;
                }
                return b;
            });
        }
        return out;
    }

    private static AuditRecord event(Bucket b) {
        AuditRecord r = new AuditRecord(RequestIds.next(), b.firstRequestId, EVENT);
        r.occurredAt(LocalDateTime.ofInstant(Instant.ofEpochSecond(b.second), ZoneOffset.UTC));
        r.request("other", AuditValues.fit(b.lastMethod, 10), AuditValues.fit(b.paths.isEmpty() ? null
                : b.paths.get(0), 300), AuditValues.fit(b.address, 64));
        r.routing(null, null, null, false);
        r.outcome(401, "unauthenticated", AuditValues.fit(b.count + " request(s) with a missing, unknown or "
                + "revoked key", 500));
        r.timing(0, null, null);
        var list = AuditDetails.array();
        b.paths.forEach(p -> list.add(AuditValues.fit(p, 300)));
        r.details(AuditDetails.fit(AuditDetails.object().add("count", b.count)
                .add("first_request_id", b.firstRequestId).add("last_request_id", b.lastRequestId)
                .add("paths", list).build()));
        return r;
    }
}
