package io.aigw.jca.provider.bedrock;

import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.UpstreamBody;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * How a Bedrock session authenticates: SigV4 with access keys, a Bedrock API key as a bearer token, or nothing
 * (a connection that needs no credential, e.g. behind a signing proxy).
 */
abstract class BedrockAuthorization {

    /** The authData user that marks the password as a Bedrock API key rather than a secret access key. */
    static final String API_KEY_USER = "bedrock-api-key";

    /** The user of a per-request credential (an API key passed with the request), also taken as an API key. */
    static final String REQUEST_USER = "request";

    /** The signing name of Bedrock for SigV4. */
    static final String SERVICE = "bedrock";

    /** The headers that authenticate one request. */
    abstract Map<String, String> headers(String method, URI uri, Map<String, String> signedHeaders,
                                         UpstreamBody payload);

    /** Why this authorization cannot be used, or {@code null} when it can. */
    String problem() {
        return null;
    }

    /** The authorization for a connection's credential in a region. */
    static BedrockAuthorization of(UpstreamCredential credential, String region, Clock clock) {
        if (credential == null) {
            return new None();
        }
        String user = credential.user() == null ? "" : credential.user().trim();
        if (user.equals(API_KEY_USER) || user.equals(REQUEST_USER)) {
            return new Bearer(credential.secret());
        }
        return new Signed(user, credential.secret(), region, clock);
    }

    private static final class None extends BedrockAuthorization {
        @Override
        Map<String, String> headers(String method, URI uri, Map<String, String> signedHeaders,
                                    UpstreamBody payload) {
            return Map.of();
        }
    }

    private static final class Bearer extends BedrockAuthorization {
        private final String apiKey;

        Bearer(String apiKey) {
            this.apiKey = apiKey;
        }

        @Override
        Map<String, String> headers(String method, URI uri, Map<String, String> signedHeaders,
                                    UpstreamBody payload) {
            return Map.of("Authorization", "Bearer " + apiKey);
        }
    }

    private static final class Signed extends BedrockAuthorization {
        private final String user;
        private final AwsCredentials credentials;
        private final SigV4Signer signer;
        private final Clock clock;

        Signed(String user, String password, String region, Clock clock) {
            this.user = user;
            this.credentials = user.isEmpty() ? null : AwsCredentials.fromAuthData(user, password);
            this.signer = new SigV4Signer(region, SERVICE);
            this.clock = clock;
        }

        @Override
        String problem() {
            return user.isEmpty() ? "the authData user must be the AWS access key id (or '" + API_KEY_USER
                    + "' for a Bedrock API key)" : null;
        }

        @Override
        Map<String, String> headers(String method, URI uri, Map<String, String> signedHeaders,
                                    UpstreamBody payload) {
            return signer.signHashed(method, uri, signedHeaders, payload.sha256(), credentials, clock.instant());
        }
    }
}
