/** Deploy-time policy settings (MicroProfile Config {@code aigw.*}) and the gateway's data folder. */
package io.aigw.policy.config;
