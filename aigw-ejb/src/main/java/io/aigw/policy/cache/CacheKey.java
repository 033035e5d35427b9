package io.aigw.policy.cache;

import io.aigw.jca.api.ChatRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key of a cached answer: a SHA-256 of the tenant, the client format, the model name the client sent (a route)
 * and the whole request as decoded (messages, sampling options, tools, tool choice, response format and every other
 * field), except what does not change the answer: whether it is streamed. Two tenants never share a key.
 */
public final class CacheKey {

    private CacheKey() {
    }

    /** The key of {@code request} for {@code tenant}, asked in {@code format} (the request path) as {@code model}. */
    public static String of(String tenant, String format, String model, ChatRequest request) {
        Map<String, Object> extensions = new LinkedHashMap<>(request.extensions());
        extensions.remove("stream_options");
        ChatRequest normalised = new ChatRequest(model, request.messages(), request.options(), request.tools(),
                request.toolChoice(), request.responseFormat(), false, extensions);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            CanonicalDigest.add(sha, java.util.List.of(tenant, format, model));
            CanonicalDigest.add(sha, normalised);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
