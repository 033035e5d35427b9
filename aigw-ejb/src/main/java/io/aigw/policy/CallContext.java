package io.aigw.policy;

/**
 * What is known of a request before its body is read.
 *
 * @param requestId       the request's id (also the id of its audit row), unique
 * @param credential      the gateway API key the caller presented, or {@code null}
 * @param method          the HTTP method (or the operation name for calls from other applications)
 * @param path            the request path
 * @param clientAddress   the caller's address, or {@code null}
 * @param responseHeaders headers the gateway's policies add to the answer (rate-limit state, routing), success or
 *                        refusal
 * @param cacheDirective  what the caller asks of the response cache ({@code bypass}, {@code refresh}), or {@code null}
 * @param application     for a call from another application on the server: its deployed name (it is authenticated
 *                        by its grant, not by a key); {@code null} for HTTP requests
 * @param principal       for such a call: the name of the caller's authenticated principal, or {@code null}
 * @param traceParent     the W3C {@code traceparent} header the caller sent, or {@code null}
 * @param traceState      the W3C {@code tracestate} header the caller sent, or {@code null}
 */
public record CallContext(String requestId, String credential, String method, String path, String clientAddress,
                          ResponseHeaders responseHeaders, String cacheDirective, String application,
                          String principal, String traceParent, String traceState) {

    public CallContext(String requestId, String credential, String method, String path, String clientAddress,
                       ResponseHeaders responseHeaders, String cacheDirective) {
        this(requestId, credential, method, path, clientAddress, responseHeaders, cacheDirective, null, null, null,
                null);
    }

    /** An HTTP request, with the trace context it carries. */
    public CallContext(String requestId, String credential, String method, String path, String clientAddress,
                       ResponseHeaders responseHeaders, String cacheDirective, String traceParent,
                       String traceState) {
        this(requestId, credential, method, path, clientAddress, responseHeaders, cacheDirective, null, null,
                traceParent, traceState);
    }

    /** A call from another application on the server. */
    public static CallContext inProcess(String requestId, String operationPath, String application, String principal) {
        return new CallContext(requestId, null, "CALL", operationPath, "app:" + application, new ResponseHeaders(),
                null, application, principal, null, null);
    }

    public CallContext(String requestId, String credential, String method, String path, String clientAddress) {
        this(requestId, credential, method, path, clientAddress, new ResponseHeaders(), null);
    }

    @Override
    public String toString() {
        return "CallContext[" + requestId + " " + method + " " + path + " from " + clientAddress + "]";
    }
}
