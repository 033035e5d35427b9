package io.aigw.policy;

/**
 * Every way a request can fail, with the HTTP status, the OpenAI error {@code type} and {@code code}, and whether the
 * official SDKs should retry ({@code x-should-retry}).
 */
public enum Problem {
    INVALID_REQUEST(400, "invalid_request_error", null, false),
    PAYLOAD_TOO_LARGE(413, "invalid_request_error", "request_too_large", false),
    UNSUPPORTED_BY_MODEL(400, "invalid_request_error", "unsupported_by_model", false),
    UNAUTHENTICATED(401, "invalid_request_error", "invalid_api_key", false),
    FORBIDDEN(403, "permission_error", "forbidden", false),
    MODEL_NOT_ALLOWED(403, "permission_error", "model_not_allowed", false),
    APPLICATION_NOT_GRANTED(403, "permission_error", "application_not_granted", false),
    UNKNOWN_MODEL(404, "invalid_request_error", "model_not_found", false),
    NOT_FOUND(404, "invalid_request_error", "not_found", false),
    CONFLICT(409, "invalid_request_error", "conflict", false),
    GUARDRAIL_BLOCKED(400, "invalid_request_error", "guardrail_blocked", false),
    MODEL_UNPRICED(400, "invalid_request_error", "model_unpriced", false),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "method_not_allowed", false),
    UNSUPPORTED_MEDIA_TYPE(415, "invalid_request_error", "unsupported_media_type", false),
    RATE_LIMITED(429, "rate_limit_error", "rate_limit_exceeded", true),
    CONCURRENCY_LIMITED(429, "rate_limit_error", "concurrency_limit_exceeded", true),
    BUDGET_EXHAUSTED(429, "insufficient_quota", "insufficient_quota", false),
    PROVIDER_FAILED(502, "api_error", "upstream_error", true),
    PROVIDER_AUTHENTICATION(502, "api_error", "upstream_authentication_failed", false),
    CONNECTION_NOT_CONFIGURED(503, "api_error", "connection_not_configured", false),
    POOL_EXHAUSTED(503, "api_error", "pool_exhausted", true),
    NO_TARGET_AVAILABLE(503, "api_error", "no_target_available", true),
    AUDIT_UNAVAILABLE(503, "api_error", "audit_unavailable", true),
    QUOTA_STORE_UNAVAILABLE(503, "api_error", "quota_store_unavailable", true),
    GUARDRAIL_UNAVAILABLE(503, "api_error", "guardrail_unavailable", false),
    QUERY_TIMEOUT(503, "api_error", "query_timeout", false),
    PROVIDER_TIMEOUT(504, "api_error", "upstream_timeout", true),
    INTERNAL(500, "api_error", "internal_error", true);

    private final int status;
    private final String type;
    private final String code;
    private final boolean shouldRetry;

    Problem(int status, String type, String code, boolean shouldRetry) {
        this.status = status;
        this.type = type;
        this.code = code;
        this.shouldRetry = shouldRetry;
    }

    public int status() {
        return status;
    }

    /** The OpenAI error {@code type}. */
    public String type() {
        return type;
    }

    /** The OpenAI error {@code code}, or {@code null}. */
    public String code() {
        return code;
    }

    /** Whether a client retry can help; sent as {@code x-should-retry}. */
    public boolean shouldRetry() {
        return shouldRetry;
    }

    /** The kebab-case name used in problem+json types and in the audit trail. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
