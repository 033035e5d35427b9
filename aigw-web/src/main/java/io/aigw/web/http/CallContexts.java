package io.aigw.web.http;

import io.aigw.policy.CallContext;
import io.aigw.policy.RequestIds;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Builds the {@link CallContext} of an HTTP request: the key from {@code Authorization: Bearer <key>} or
 * {@code x-api-key: <key>}, a new request id, the method, path and client address.
 */
public final class CallContexts {

    /** Request attribute under which the request id is kept for error responses. */
    public static final String REQUEST_ID = "io.aigw.requestId";
    /** Request attribute under which the policies' {@link io.aigw.policy.ResponseHeaders} are kept. */
    public static final String RESPONSE_HEADERS = "io.aigw.responseHeaders";

    private CallContexts() {
    }

    public static CallContext of(HttpServletRequest request) {
        String id = RequestIds.next();
        request.setAttribute(REQUEST_ID, id);
        CallContext call = new CallContext(id, credential(request), request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr(), new io.aigw.policy.ResponseHeaders(), request.getHeader("x-aigw-cache"),
                request.getHeader("traceparent"), request.getHeader("tracestate"));
        request.setAttribute(RESPONSE_HEADERS, call.responseHeaders());
        return call;
    }

    static String credential(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = auth.substring(7).trim();
            if (!key.isEmpty()) {
                return key;
            }
        }
        String apiKey = request.getHeader("x-api-key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
}
