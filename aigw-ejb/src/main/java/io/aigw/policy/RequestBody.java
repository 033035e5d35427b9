package io.aigw.policy;

/**
 * Reads and decodes a request body when the policy chain asks for it (after authentication), so that audit wraps
 * decoding and an unauthenticated caller never gets its body read.
 *
 * @param <T> the decoded request
 */
@FunctionalInterface
public interface RequestBody<T> {

    /** @throws GatewayException for a body that is too large or does not decode */
    T read();
}
