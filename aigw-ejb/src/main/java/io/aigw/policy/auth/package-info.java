/**
 * Gateway API keys: issued with a random secret shown once, stored only as a keyed hash (HMAC-SHA256 with a server
 * secret, compared in constant time), cached briefly, and checked by the authentication step before a body is read.
 */
package io.aigw.policy.auth;
