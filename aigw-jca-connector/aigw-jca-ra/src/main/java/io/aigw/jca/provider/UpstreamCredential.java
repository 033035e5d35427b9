package io.aigw.jca.provider;

/**
 * The secret a connection authenticates upstream with. Its {@link #toString()} never shows the secret.
 *
 * @param user   the authData user name (informational)
 * @param secret the API key
 */
public record UpstreamCredential(String user, String secret) {

    /**
     * A credential from container-managed authData, or {@code null} when the secret is empty or an unresolved
     * {@code ${...}} variable: Liberty passes an unset environment variable through as literal text.
     */
    public static UpstreamCredential ofConfigured(String user, char[] password) {
        if (password == null || password.length == 0) {
            return null;
        }
        String secret = new String(password).trim();
        if (secret.isEmpty() || secret.startsWith("${")) {
            return null;
        }
        return new UpstreamCredential(user, secret);
    }

    @Override
    public String toString() {
        return "UpstreamCredential[user=" + user + ", secret=***]";
    }
}
