package io.aigw.web.http;

import io.aigw.policy.ResponseHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.BiConsumer;

/**
 * Writes what the policies report on every answer (a response, a stream's first bytes, an error): the rate-limit
 * headers ({@link RateLimitHeaders}), and what routing and the cache did: {@code x-aigw-route},
 * {@code x-aigw-served-by}, {@code x-aigw-attempts}, {@code x-aigw-cache}; for a retiring target
 * {@code Deprecation} (RFC 9745, {@code @<epoch seconds>}) and {@code Sunset} (RFC 8594, an HTTP date).
 */
public final class AnswerHeaders {

    private AnswerHeaders() {
    }

    /** Adds the headers of the request's answer. */
    public static void addTo(HttpServletRequest request, BiConsumer<String, String> header) {
        RateLimitHeaders.addTo(request, header);
        Object h = request == null ? null : request.getAttribute(CallContexts.RESPONSE_HEADERS);
        if (!(h instanceof ResponseHeaders headers)) {
            return;
        }
        if (headers.route() != null) {
            header.accept("x-aigw-route", headers.route());
        }
        if (headers.servedBy() != null) {
            header.accept("x-aigw-served-by", headers.servedBy());
        }
        if (headers.route() != null) {
            header.accept("x-aigw-attempts", Integer.toString(headers.attempts()));
        }
        if (headers.guardrails() != null) {
            header.accept("x-aigw-guardrails", headers.guardrails());
        }
        if (headers.cache() != null) {
            header.accept("x-aigw-cache", headers.cache());
        }
        if (headers.sunset() != null) {
            header.accept("Deprecation", "@" + headers.deprecatedSince().getEpochSecond());
            header.accept("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(headers.sunset().atOffset(
                    ZoneOffset.UTC)));
        }
    }
}
