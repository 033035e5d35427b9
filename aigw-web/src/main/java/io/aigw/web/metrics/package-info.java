/** {@code GET /metrics}: the gateway's metrics in the Prometheus text format, for a key with the metrics role. */
package io.aigw.web.metrics;
