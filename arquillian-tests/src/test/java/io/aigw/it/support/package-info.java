/** What the integration tests share: the deployment, an HTTP client for the gateway, keys and audit look-ups. */
package io.aigw.it.support;
