/**
 * The two-server fixture: one real PostgreSQL that the tests start themselves and two gateway servers sharing it,
 * started together on the empty database, with a fake OpenAI upstream; one instance per test run, shared by every
 * test that needs two servers ({@link io.aigw.it.twoservers.TwoServers}).
 */
package io.aigw.it.twoservers;
