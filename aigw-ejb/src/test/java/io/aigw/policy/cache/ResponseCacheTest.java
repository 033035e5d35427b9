package io.aigw.policy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's answer cache: tenant checks, expiry, least-recently-used eviction by count and by bytes. */
class ResponseCacheTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long NOW = 7_000 * SECOND;
    private static final ChatResponse ANSWER = new ChatResponse("chatcmpl-1", "gpt-4o", 1_700_000_000L,
            List.of(new ChatChoice(0, ChatMessage.text(Role.ASSISTANT, "Paris."), FinishReason.STOP)),
            Usage.of(12, 3), null);

    private final ResponseCache cache = new ResponseCache();

    @Test
    void anAnswerIsServedToItsTenantUntilItExpires() {
        cache.configure(100, 1_600_000);
        CachedAnswer kept = answer("acme", NOW + 60 * SECOND, 1000);
        assertThat(cache.put("k", kept)).isTrue();
        assertThat(cache.get("k", "acme", NOW)).isSameAs(kept);
        assertThat(cache.get("k", "acme", NOW + 60 * SECOND - 1)).isSameAs(kept);
        assertThat(cache.get("other", "acme", NOW)).isNull();
        assertThat(cache.stats()).isEqualTo(Map.of("entries", 1L, "bytes", 1000L, "hits", 2L, "misses", 1L));
    }

    @Test
    void anotherTenantMissesEvenWithTheSameKey() {
        cache.configure(100, 1_600_000);
        CachedAnswer kept = answer("acme", NOW + 60 * SECOND, 1000);
        cache.put("k", kept);
        assertThat(cache.get("k", "globex", NOW)).isNull();
        // the owner still has it
        assertThat(cache.get("k", "acme", NOW)).isSameAs(kept);
        assertThat(cache.stats()).isEqualTo(Map.of("entries", 1L, "bytes", 1000L, "hits", 1L, "misses", 1L));
    }

    @Test
    void anExpiredAnswerMissesAndIsRemoved() {
        cache.configure(100, 1_600_000);
        cache.put("k", answer("acme", NOW + 60 * SECOND, 1000));
        assertThat(cache.get("k", "acme", NOW + 60 * SECOND)).isNull();
        assertThat(cache.stats()).isEqualTo(Map.of("entries", 0L, "bytes", 0L, "hits", 0L, "misses", 1L));
        // gone, not just hidden: an earlier clock does not bring it back
        assertThat(cache.get("k", "acme", NOW)).isNull();
    }

    @Test
    void theLeastRecentlyUsedGoesFirstOnceTheEntryCountIsPassed() {
        cache.configure(3, 1_600_000);
        cache.put("a", answer("acme", NOW + SECOND, 1000));
        cache.put("b", answer("acme", NOW + SECOND, 1000));
        cache.put("c", answer("acme", NOW + SECOND, 1000));
        assertThat(cache.get("a", "acme", NOW)).isNotNull(); // "a" is now the most recently used
        assertThat(cache.put("d", answer("acme", NOW + SECOND, 1000))).isTrue();
        assertThat(cache.get("b", "acme", NOW)).isNull();
        assertThat(cache.get("a", "acme", NOW)).isNotNull();
        assertThat(cache.get("c", "acme", NOW)).isNotNull();
        assertThat(cache.get("d", "acme", NOW)).isNotNull();
        assertThat(cache.stats().get("entries")).isEqualTo(3L);
        assertThat(cache.stats().get("bytes")).isEqualTo(3000L);
    }

    @Test
    void theLeastRecentlyUsedGoFirstOnceTheBytesArePassed() {
        cache.configure(1_000, 16_000); // at most 1,000 bytes an answer
        for (int i = 0; i < 16; i++) {
            assertThat(cache.put("k" + i, answer("acme", NOW + SECOND, 1000))).isTrue();
        }
        assertThat(cache.stats().get("bytes")).isEqualTo(16_000L);
        assertThat(cache.get("k0", "acme", NOW)).isNotNull();
        // 500 more bytes push out the least recently used: k1 (k0 was just read)
        cache.put("new", answer("acme", NOW + SECOND, 500));
        assertThat(cache.get("k1", "acme", NOW)).isNull();
        assertThat(cache.get("k0", "acme", NOW)).isNotNull();
        assertThat(cache.get("k2", "acme", NOW)).isNotNull();
        assertThat(cache.stats().get("entries")).isEqualTo(16L);
        assertThat(cache.stats().get("bytes")).isEqualTo(15_500L);
        // 1,000 bytes where 500 are free take one more: k3 (k2 was just read)
        cache.put("newer", answer("acme", NOW + SECOND, 1000));
        assertThat(cache.get("k3", "acme", NOW)).isNull();
        assertThat(cache.get("k4", "acme", NOW)).isNotNull();
        assertThat(cache.stats().get("bytes")).isEqualTo(15_500L);
    }

    @Test
    void replacingAnAnswerCountsOnlyTheNewOnesBytes() {
        cache.configure(100, 16_000);
        cache.put("k", answer("acme", NOW + SECOND, 1000));
        CachedAnswer newer = answer("acme", NOW + 2 * SECOND, 400);
        cache.put("k", newer);
        assertThat(cache.get("k", "acme", NOW)).isSameAs(newer);
        assertThat(cache.stats().get("entries")).isEqualTo(1L);
        assertThat(cache.stats().get("bytes")).isEqualTo(400L);
    }

    @Test
    void anAnswerLargerThanASixteenthOfTheBytesIsNotKept() {
        cache.configure(100, 16_000);
        assertThat(cache.put("big", answer("acme", NOW + SECOND, 1001))).isFalse();
        assertThat(cache.get("big", "acme", NOW)).isNull();
        assertThat(cache.put("fits", answer("acme", NOW + SECOND, 1000))).isTrue();
        assertThat(cache.stats()).isEqualTo(Map.of("entries", 1L, "bytes", 1000L, "hits", 0L, "misses", 1L));
    }

    @Test
    void aCacheOfNoEntriesKeepsNothing() {
        cache.configure(0, 16_000);
        assertThat(cache.put("k", answer("acme", NOW + SECOND, 100))).isFalse();
        assertThat(cache.get("k", "acme", NOW)).isNull();
    }

    @Test
    void statsCountHitsAndMisses() {
        cache.configure(100, 1_600_000);
        cache.put("a", answer("acme", NOW + SECOND, 700));
        cache.put("b", answer("acme", NOW + SECOND, 800));
        cache.get("a", "acme", NOW);
        cache.get("a", "acme", NOW);
        cache.get("b", "acme", NOW);
        cache.get("b", "globex", NOW);
        cache.get("c", "acme", NOW);
        assertThat(cache.stats()).isEqualTo(Map.of("entries", 2L, "bytes", 1500L, "hits", 3L, "misses", 2L));
    }

    @Test
    void theSizeOfAnAnswerIsItsTextInUtf16PlusTheOverhead() {
        ChatResponse answer = new ChatResponse("id", "m", 0, List.of(new ChatChoice(0, new ChatMessage(
                Role.ASSISTANT, List.of(new ReasoningPart("abc", "s", null), new TextPart("hello"),
                        new ImagePart("https://example.com/a.png", null)), null,
                List.of(new ToolCall("call_1", "f", "{}")), null), FinishReason.TOOL_CALLS)), null, null);
        // reasoning 3 + 1, text 5, an image 256, the call 6 + 1 + 2; two bytes each
        assertThat(ResponseCache.sizeOf(answer)).isEqualTo(ResponseCache.OVERHEAD + 2 * (4 + 5 + 256 + 9));
        assertThat(ResponseCache.sizeOf(ANSWER)).isEqualTo(ResponseCache.OVERHEAD + 2 * "Paris.".length());
    }

    private static CachedAnswer answer(String tenant, long expiresAt, long bytes) {
        return new CachedAnswer(tenant, ANSWER, "openai/gpt-4o", expiresAt, bytes);
    }
}
