package io.aigw.jca.provider.bedrock;

import java.util.Objects;

/**
 * AWS access keys for Signature Version 4. Its {@link #toString()} never shows the secret or the token.
 *
 * @param accessKeyId     the access key id ({@code AKIA...} or, for temporary credentials, {@code ASIA...})
 * @param secretAccessKey the secret access key
 * @param sessionToken    the session token of temporary credentials, or {@code null}
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /**
     * Credentials from an authData user and password; a password {@code <secret>:<session token>} gives temporary
     * credentials (neither a secret access key nor a session token contains a colon).
     */
    public static AwsCredentials fromAuthData(String accessKeyId, String password) {
        int colon = password.indexOf(':');
        if (colon < 0) {
            return new AwsCredentials(accessKeyId.trim(), password, null);
        }
        return new AwsCredentials(accessKeyId.trim(), password.substring(0, colon), password.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
                + (sessionToken == null ? "" : ", sessionToken=***") + "]";
    }
}
