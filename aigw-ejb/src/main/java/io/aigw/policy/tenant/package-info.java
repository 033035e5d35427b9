/**
 * Tenants: the organisations keys belong to. Every key names an existing tenant; limits and budgets attach to
 * tenants as well as to keys.
 */
package io.aigw.policy.tenant;
