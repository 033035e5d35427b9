package io.aigw.jca.provider.http;

import io.aigw.codec.openai.OpenAiErrors;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns upstream error statuses and transport failures into {@link ProviderException}s. Upstream error bodies are
 * read only to classify: their text is never passed on except a bad-request message, which cannot echo a credential.
 */
public final class UpstreamFailures {

    private static final int MAX_MESSAGE = 300;

    private UpstreamFailures() {
    }

    /** The exception for an upstream error status with its (possibly unreadable) body. */
    public static ProviderException ofStatus(String connection, int status, HttpHeaders headers, String body) {
        OpenAiErrors.UpstreamError error = OpenAiErrors.read(body);
        Duration retryAfter = retryAfter(headers).orElse(null);
        String where = "The upstream of connection '" + connection + "'";
        return switch (status) {
            case 401, 403 -> new ProviderException(Kind.AUTHENTICATION, where + " rejected the gateway's credentials (HTTP "
                    + status + "). An administrator must check the connection's authData.", status, null, null);
            case 404 -> new ProviderException(Kind.NOT_FOUND, where + " does not know the requested model or resource.",
                    status, null, null);
            case 400, 409, 413, 422 -> new ProviderException(Kind.BAD_REQUEST, where + " rejected the request"
                    + (error.message() == null ? "." : ": " + truncate(error.message())), status, null, null);
            case 429 -> new ProviderException(Kind.RATE_LIMITED, where + " is rate limiting requests.", status,
                    retryAfter, null);
            case 408, 504 -> new ProviderException(Kind.TIMEOUT, where + " timed out (HTTP " + status + ").", status,
                    retryAfter, null);
            default -> new ProviderException(Kind.UPSTREAM_ERROR, where + " failed (HTTP " + status + ").", status,
                    retryAfter, null);
        };
    }

    /** The exception for a request that got no (complete) response. */
    public static ProviderException ofTransport(String connection, IOException e, ReadWatchdog.Expiry expiry) {
        String where = "The upstream of connection '" + connection + "'";
        if (expiry == ReadWatchdog.Expiry.IDLE) {
            return new ProviderException(Kind.TIMEOUT, where + " stopped sending data (idle timeout).", e);
        }
        if (expiry == ReadWatchdog.Expiry.TOTAL) {
            return new ProviderException(Kind.TIMEOUT, where + " did not finish in time (total timeout).", e);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new ProviderException(Kind.TIMEOUT, where + " could not be connected to in time.", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new ProviderException(Kind.TIMEOUT, where + " did not answer in time.", e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
            return new ProviderException(Kind.UNREACHABLE, where + " cannot be reached.", e);
        }
        return new ProviderException(Kind.UNREACHABLE, where + " closed the connection unexpectedly.", e);
    }

    /** The upstream's {@code Retry-After} (seconds or {@code retry-after-ms}), if it sent one. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return Optional.empty();
        }
        Optional<String> ms = headers.firstValue("retry-after-ms");
        try {
            if (ms.isPresent()) {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get().trim())));
            }
            Optional<String> s = headers.firstValue("retry-after");
            if (s.isPresent()) {
                return Optional.of(Duration.ofSeconds((long) Math.ceil(Double.parseDouble(s.get().trim()))));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
