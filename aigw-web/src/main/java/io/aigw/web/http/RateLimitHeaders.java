package io.aigw.web.http;

import io.aigw.policy.RateLimitState;
import io.aigw.policy.ResponseHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;

/**
 * Writes a limited caller's rate-limit state as its client expects it: OpenAI's {@code x-ratelimit-limit-requests},
 * {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-reset-requests} and the {@code -tokens} trio (the reset as
 * a duration such as {@code 1s} or {@code 6m0s}); on {@code /v1/messages}, Anthropic's
 * {@code anthropic-ratelimit-requests-limit|remaining|reset} and {@code -tokens-} (the reset as an RFC 3339 time).
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** Adds the headers of the request's answer (nothing when the caller is not limited). */
    public static void addTo(HttpServletRequest request, BiConsumer<String, String> header) {
        Object h = request == null ? null : request.getAttribute(CallContexts.RESPONSE_HEADERS);
        if (!(h instanceof ResponseHeaders headers)) {
            return;
        }
        RateLimitState state = headers.rateLimits();
        if (state == null) {
            return;
        }
        String path = request.getRequestURI();
        boolean anthropic = path != null && (path.equals("/v1/messages") || path.startsWith("/v1/messages/"));
        Instant now = Instant.now();
        window(header, "requests", state.requests(), anthropic, now);
        window(header, "tokens", state.tokens(), anthropic, now);
    }

    private static void window(BiConsumer<String, String> header, String kind, RateLimitState.Window w,
                               boolean anthropic, Instant now) {
        if (w == null) {
            return;
        }
        if (anthropic) {
            String prefix = "anthropic-ratelimit-" + kind + "-";
            header.accept(prefix + "limit", Long.toString(w.limit()));
            header.accept(prefix + "remaining", Long.toString(w.remaining()));
            header.accept(prefix + "reset", now.plusNanos(w.resetNanos()).truncatedTo(ChronoUnit.SECONDS)
                    .plusSeconds(w.resetNanos() % 1_000_000_000 == 0 ? 0 : 1).toString());
        } else {
            header.accept("x-ratelimit-limit-" + kind, Long.toString(w.limit()));
            header.accept("x-ratelimit-remaining-" + kind, Long.toString(w.remaining()));
            header.accept("x-ratelimit-reset-" + kind, duration(w.resetNanos()));
        }
    }

    /** A duration as OpenAI writes it (Go's notation): {@code 0s}, {@code 20ms}, {@code 1.5s}, {@code 6m0s}. */
    static String duration(long nanos) {
        long millis = (nanos + 999_999) / 1_000_000;
        if (millis == 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        String seconds = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString() + "s";
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }
}
