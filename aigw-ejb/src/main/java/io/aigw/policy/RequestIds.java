package io.aigw.policy;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids (also the id of a request's outcome event) and audit event ids: time-ordered UUIDs (version 7: 48 bits of epoch milliseconds, then
 * random bits), so audit rows are inserted at the end of the primary-key index instead of at random places.
 */
public final class RequestIds {

    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
