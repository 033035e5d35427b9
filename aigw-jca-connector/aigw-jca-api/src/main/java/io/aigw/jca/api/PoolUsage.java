package io.aigw.jca.api;

/**
 * How a connection factory's pool is used right now, as the resource adapter sees it.
 *
 * @param open    managed connections the pool holds (in use or idle)
 * @param inUse   connections handed out and not yet closed
 * @param pending callers inside allocation: waiting for a pooled connection, or for one being created
 */
public record PoolUsage(int open, int inUse, int pending) {

    /** Managed connections held but not in use. */
    public int idle() {
        return Math.max(0, open - inUse);
    }
}
