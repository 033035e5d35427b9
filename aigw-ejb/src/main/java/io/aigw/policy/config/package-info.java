/**
 * Deploy-time policy settings (MicroProfile Config {@code aigw.*}), the gateway's data folder, and the clock the
 * policies read (which tests replace).
 */
package io.aigw.policy.config;
