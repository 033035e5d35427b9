/**
 * The administration API ({@code /admin}, admin role): API keys, tenants, their limits and budgets, prices, the
 * usage report and usage analytics. Every action runs through {@code GatewayService.manage} (authenticated, authorised, audited); errors
 * as problem+json.
 */
package io.aigw.web.admin;
