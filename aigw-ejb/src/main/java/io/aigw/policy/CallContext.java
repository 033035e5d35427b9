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
 */
public record CallContext(String requestId, String credential, String method, String path, String clientAddress,
                          ResponseHeaders responseHeaders, String cacheDirective) {

    public CallContext(String requestId, String credential, String method, String path, String clientAddress) {
        this(requestId, credential, method, path, clientAddress, new ResponseHeaders(), null);
    }

    @Override
    public String toString() {
        return "CallContext[" + requestId + " " + method + " " + path + " from " + clientAddress + "]";
    }
}
