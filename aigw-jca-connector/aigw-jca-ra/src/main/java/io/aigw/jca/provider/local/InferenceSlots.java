package io.aigw.jca.provider.local;

import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import java.util.concurrent.Semaphore;

/**
 * The inference contexts of one loaded chat model, leased one per managed connection. llama.cpp holds them as the
 * model's parallel slots (each with {@code contextSize} tokens of KV cache); a managed connection leases one at its
 * first generation and returns it when the pool destroys the connection, so the pool never runs more generations at
 * once than there are slots.
 */
final class InferenceSlots {

    private final String connection;
    private final int capacity;
    private final Semaphore free;

    InferenceSlots(String connection, int capacity) {
        this.connection = connection;
        this.capacity = capacity;
        this.free = new Semaphore(capacity);
    }

    /** How many slots the model holds. */
    int capacity() {
        return capacity;
    }

    /** Leases a slot, failing at once when every slot belongs to another managed connection. */
    Lease lease() throws ProviderException {
        if (!free.tryAcquire()) {
            throw new ProviderException(Kind.NOT_CONFIGURED, "Connection '" + connection + "' has " + capacity
                    + " inference slots and every one belongs to another managed connection: set the connection"
                    + " manager's maxPoolSize to at most inferenceSlots.");
        }
        return new Lease();
    }

    /** One leased slot; returning it twice has no effect. */
    final class Lease {
        private boolean returned;

        /** Gives the slot back. */
        synchronized void release() {
            if (!returned) {
                returned = true;
                free.release();
            }
        }
    }
}
