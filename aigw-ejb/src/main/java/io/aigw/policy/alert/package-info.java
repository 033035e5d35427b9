/**
 * Alerts delivered to webhooks. An alert ({@code PUT /admin/alerts/{name}}) watches one condition: a budget's
 * {@code alert_at} fraction reached ({@link io.aigw.policy.alert.BudgetAlerts}, from the budget step as the spend is
 * settled), or a spike against a moving baseline of this server's traffic: error rate, latency, one key's usage
 * ({@link io.aigw.policy.alert.AlertEvaluator} over the per-minute {@link io.aigw.policy.alert.TrafficRecorder}).
 * A firing is claimed in the database ({@link io.aigw.policy.alert.AlertClaims}), so that servers sharing it send
 * one condition once per cooldown (a budget threshold once per period), then delivered in the Standard Webhooks
 * format ({@link io.aigw.policy.alert.WebhookSignature}) from a bounded queue with retries
 * ({@link io.aigw.policy.alert.WebhookDispatcher}); every delivery is audited. Webhook URLs must be public https
 * addresses unless {@code aigw.alerts.allow-private-networks} is set, and the connection goes to the address that
 * was checked. Signing secrets are sealed at rest and never shown after creation or rotation, nor logged or audited.
 */
package io.aigw.policy.alert;
