package io.aigw.jca.api;

import jakarta.resource.ResourceException;
import java.time.Duration;

/**
 * A provider call failed. Carries what the gateway needs to answer the client: the {@link Kind}, the upstream status,
 * whether a retry can help and how long to wait. Its message never contains a credential or an upstream error body
 * verbatim.
 */
public class ProviderException extends ResourceException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, independent of the provider. */
    public enum Kind {
        /** The upstream rejected the gateway's own credentials (401/403) or none are configured. */
        AUTHENTICATION(false),
        /** The upstream does not know the model or path (404). */
        NOT_FOUND(false),
        /** The upstream refused the request as invalid (400/422). */
        BAD_REQUEST(false),
        /** The upstream rate-limited the request (429). */
        RATE_LIMITED(true),
        /** The upstream failed (5xx) or sent an error in the stream. */
        UPSTREAM_ERROR(true),
        /** The upstream could not be reached (connection refused, reset, DNS). */
        UNREACHABLE(true),
        /** The upstream's answer could not be understood (malformed JSON, broken framing). */
        BAD_RESPONSE(true),
        /** A connect, header, idle or total timeout expired. */
        TIMEOUT(true),
        /** The connection cannot do what was asked (e.g. chat on an embedding-only connection). */
        UNSUPPORTED(false),
        /** The connection is not configured to serve (e.g. no credentials). */
        NOT_CONFIGURED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether a later retry of the same request may succeed. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final int upstreamStatus;
    private final Duration retryAfter;

    public ProviderException(Kind kind, String message) {
        this(kind, message, 0, null, null);
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        this(kind, message, 0, null, cause);
    }

    public ProviderException(Kind kind, String message, int upstreamStatus, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream HTTP status, or 0 when no response was received. */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** How long the upstream asked to wait before retrying, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
