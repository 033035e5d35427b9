package io.aigw.policy.auth;

/**
 * A key just created: the only moment its secret exists outside the caller's hands.
 *
 * @param key    the stored key
 * @param secret the secret, to be shown once
 */
public record IssuedKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedKey[" + key.getId() + ", secret=***]";
    }
}
