package io.aigw.policy.audit;

import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-node hash chain: each event's hash is an HMAC-SHA256, under a secret the database does not hold, of its
 * canonical form, which includes the previous event's hash. Changing, inserting or deleting an event with SQL breaks
 * the chain at that point, and without the secret the chain cannot be recomputed past it. A node's first event (and
 * the first after the rows written before the chain existed) links to {@link #GENESIS}.
 */
public final class AuditChain {

    /** The previous hash of a chain's first event. */
    public static final String GENESIS = "";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public AuditChain(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Numbers the event and links it after {@code previousHash}; returns its hash. */
    String link(AuditRecord event, String node, long seq, String previousHash) {
        event.link(node, seq, previousHash, null);
        String hash = hash(event);
        event.link(node, seq, previousHash, hash);
        return hash;
    }

    /** The hash the event should carry, from its canonical form (its stored hash aside). */
    String hash(AuditRecord event) {
        return HexFormat.of().formatHex(macs.get().doFinal(AuditCanonicalForm.of(event)));
    }

    private Mac newMac() {
        return io.aigw.policy.auth.KeyHasher.hmac(key);
    }
}
