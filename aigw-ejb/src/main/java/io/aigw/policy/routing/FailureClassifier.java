package io.aigw.policy.routing;

import io.aigw.jca.api.ProviderException;
import io.aigw.policy.GatewayException;
import io.aigw.policy.route.FailureClass;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Which {@link FailureClass} a failed attempt belongs to, or none for a client error (which no other target would
 * answer differently). An upstream's own 400 is a context-length or content-filter failure when its message says so,
 * in any provider's words.
 */
public final class FailureClassifier {

    private static final Pattern CONTEXT_LENGTH = Pattern.compile("context length|context window|context limit|context_length"
            + "|prompt is too long|input is too long|input token count .* exceeds|does not fit",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_FILTER = Pattern.compile("content management policy|content policy"
            + "|content_policy|content_filter|content filter|safety system", Pattern.CASE_INSENSITIVE);

    private FailureClassifier() {
    }

    /** The class of the failure, or {@code null} when it is the client's. */
    public static FailureClass classify(GatewayException e) {
        return switch (e.problem()) {
            case RATE_LIMITED -> FailureClass.RATE_LIMIT;
            case PROVIDER_FAILED -> unreachable(e) ? FailureClass.UNAVAILABLE : FailureClass.SERVER_ERROR;
            case PROVIDER_TIMEOUT -> FailureClass.TIMEOUT;
            case POOL_EXHAUSTED, CONNECTION_NOT_CONFIGURED, PROVIDER_AUTHENTICATION, UNKNOWN_MODEL,
                 UNSUPPORTED_BY_MODEL, NO_TARGET_AVAILABLE -> FailureClass.UNAVAILABLE;
            case INVALID_REQUEST -> upstreamRefusal(e);
            default -> null;
        };
    }

    /** How long the upstream asked to wait, or {@code null} when it did not say. */
    public static Duration upstreamRetryAfter(GatewayException e) {
        return e.getCause() instanceof ProviderException p ? p.retryAfter() : null;
    }

    private static boolean unreachable(GatewayException e) {
        return e.getCause() instanceof ProviderException p && p.kind() == ProviderException.Kind.UNREACHABLE;
    }

    private static FailureClass upstreamRefusal(GatewayException e) {
        if (!(e.getCause() instanceof ProviderException) || e.getMessage() == null) {
            return null; // the gateway's own validation: the client's error
        }
        if (CONTEXT_LENGTH.matcher(e.getMessage()).find()) {
            return FailureClass.CONTEXT_LENGTH;
        }
        if (CONTENT_FILTER.matcher(e.getMessage()).find()) {
            return FailureClass.CONTENT_FILTER;
        }
        return null;
    }
}
