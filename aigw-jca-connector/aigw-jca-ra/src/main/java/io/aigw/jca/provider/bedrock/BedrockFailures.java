package io.aigw.jca.provider.bedrock;

import io.aigw.codec.bedrock.BedrockErrors;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.provider.http.UpstreamFailures;
import java.net.http.HttpHeaders;

/**
 * Bedrock's error responses and stream exceptions as {@link ProviderException}s. The error type (the
 * {@code x-amzn-ErrorType} header, or {@code __type} in the body) decides where it is known; otherwise the status
 * does, as {@link UpstreamFailures} maps it. Only a validation message is passed on (it cannot echo a credential).
 */
final class BedrockFailures {

    private static final int MAX_MESSAGE = 300;

    private BedrockFailures() {
    }

    /** The exception for an error status of a Converse call. */
    static ProviderException ofStatus(String connection, int status, HttpHeaders headers, String body) {
        ProviderException byStatus = UpstreamFailures.ofStatus(connection, status, headers, body);
        String type = BedrockErrors.errorType(headers.firstValue("x-amzn-ErrorType").orElse(null), body);
        Kind kind = type == null ? null : kindOf(type);
        if (kind == null) {
            kind = byStatus.kind();
        }
        if (type == null && kind != Kind.BAD_REQUEST) {
            return byStatus;
        }
        return new ProviderException(kind, describe(connection, kind, type, BedrockErrors.message(body),
                " (HTTP " + status + ")"), status, byStatus.retryAfter(), null);
    }

    /** The exception for an exception message in a ConverseStream (HTTP status 200 already sent). */
    static ProviderException ofStreamException(String connection, String exceptionType, String message) {
        Kind known = exceptionType == null ? null : kindOf(exceptionType);
        Kind kind = known == null ? Kind.UPSTREAM_ERROR : known;
        return new ProviderException(kind, describe(connection, kind, exceptionType, message, " in the stream"));
    }

    /** The kind for a Bedrock error type (either spelling: {@code ThrottlingException}, {@code throttlingException}). */
    static Kind kindOf(String type) {
        return switch (type.isEmpty() ? "" : Character.toUpperCase(type.charAt(0)) + type.substring(1)) {
            case "ThrottlingException", "ServiceQuotaExceededException", "TooManyRequestsException" -> Kind.RATE_LIMITED;
            case "ValidationException", "SerializationException" -> Kind.BAD_REQUEST;
            case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
                 "IncompleteSignature", "IncompleteSignatureException", "MissingAuthenticationTokenException",
                 "ExpiredTokenException" -> Kind.AUTHENTICATION;
            case "ResourceNotFoundException" -> Kind.NOT_FOUND;
            case "ModelTimeoutException" -> Kind.TIMEOUT;
            case "ModelNotReadyException", "ServiceUnavailableException", "InternalServerException",
                 "ModelErrorException", "ModelStreamErrorException" -> Kind.UPSTREAM_ERROR;
            default -> null;
        };
    }

    private static String describe(String connection, Kind kind, String type, String message, String when) {
        String where = "The upstream of connection '" + connection + "'";
        String what = type == null ? "" : " (" + type + ")";
        return switch (kind) {
            case BAD_REQUEST -> where + " rejected the request" + what
                    + (message == null ? "." : ": " + truncate(message));
            case RATE_LIMITED -> where + " is rate limiting requests" + what + when + ".";
            case AUTHENTICATION -> where + " rejected the gateway's credentials" + what + when
                    + ". An administrator must check the connection's authData and its IAM permissions.";
            case NOT_FOUND -> where + " does not know the requested model or resource" + what + ".";
            case TIMEOUT -> where + " timed out" + what + when + ".";
            default -> where + " failed" + what + when + ".";
        };
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
