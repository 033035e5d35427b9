/** What the integration tests share: the deployment, an HTTP client for the gateway, keys, audit look-ups and
 * polling for a state with a deadline. */
package io.aigw.it.support;
