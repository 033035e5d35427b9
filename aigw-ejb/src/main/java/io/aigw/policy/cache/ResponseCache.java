package io.aigw.policy.cache;

import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This server's cached answers: least recently used first out once {@code aigw.cache.max-entries} or
 * {@code aigw.cache.max-bytes} would be passed; an answer larger than a sixteenth of the bytes is not kept (one
 * request cannot flush everyone else's answers). Each server keeps its own: a cache shared through the database
 * would cost a round trip on every request, which is what caching is to save.
 */
@ApplicationScoped
public class ResponseCache {

    /** Bytes counted for an entry beyond its text (key, objects, map node). */
    static final long OVERHEAD = 512;

    @Inject
    GatewaySettings settings;

    private final LinkedHashMap<String, CachedAnswer> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private int maxEntries;
    private long maxBytes;
    private long bytes;

    @PostConstruct
    void init() {
        configure(settings.cacheMaxEntries(), settings.cacheMaxBytes());
    }

    /** Sets the bounds (for tests outside a container). */
    void configure(int maxEntries, long maxBytes) {
        this.maxEntries = Math.max(0, maxEntries);
        this.maxBytes = Math.max(0, maxBytes);
    }

    /** The tenant's answer under {@code key} if it is still fresh at {@code nowNanos}. */
    public CachedAnswer get(String key, String tenant, long nowNanos) {
        synchronized (entries) {
            CachedAnswer e = entries.get(key);
            if (e != null && e.expiresAt() - nowNanos <= 0) {
                entries.remove(key);
                bytes -= e.bytes();
                e = null;
            }
            if (e == null || !e.tenant().equals(tenant)) {
                misses.incrementAndGet();
                return null;
            }
            hits.incrementAndGet();
            return e;
        }
    }

    /** Keeps an answer (replacing the key's previous one); returns whether it was kept. */
    public boolean put(String key, CachedAnswer answer) {
        if (answer.bytes() > maxBytes / 16 || maxEntries == 0) {
            return false;
        }
        synchronized (entries) {
            CachedAnswer old = entries.put(key, answer);
            if (old != null) {
                bytes -= old.bytes();
            }
            bytes += answer.bytes();
            Iterator<Map.Entry<String, CachedAnswer>> oldest = entries.entrySet().iterator();
            while ((entries.size() > maxEntries || bytes > maxBytes) && oldest.hasNext()) {
                bytes -= oldest.next().getValue().bytes();
                oldest.remove();
            }
            return true;
        }
    }

    /** Entries, bytes, hits and misses since start. */
    public Map<String, Long> stats() {
        synchronized (entries) {
            return Map.of("entries", (long) entries.size(), "bytes", bytes, "hits", hits.get(), "misses",
                    misses.get());
        }
    }

    /** The estimated memory of an answer: its text in UTF-16 plus a fixed overhead. */
    public static long sizeOf(ChatResponse answer) {
        long chars = 0;
        for (ChatChoice c : answer.choices()) {
            if (c.message() == null) {
                continue;
            }
            for (ContentPart p : c.message().content()) {
                if (p instanceof TextPart t) {
                    chars += t.text() == null ? 0 : t.text().length();
                } else if (p instanceof ReasoningPart r) {
                    chars += (r.text() == null ? 0 : r.text().length())
                            + (r.redactedData() == null ? 0 : r.redactedData().length())
                            + (r.signature() == null ? 0 : r.signature().length());
                } else {
                    chars += 256;
                }
            }
            for (ToolCall t : c.message().toolCalls()) {
                chars += (t.id() == null ? 0 : t.id().length()) + (t.name() == null ? 0 : t.name().length())
                        + (t.arguments() == null ? 0 : t.arguments().length());
            }
        }
        return OVERHEAD + chars * 2;
    }
}
