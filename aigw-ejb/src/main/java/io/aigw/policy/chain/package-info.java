/**
 * The policy chain: one immutable list of {@link io.aigw.policy.chain.PolicyStep}s sorted once by priority and walked
 * by index for each {@link io.aigw.policy.chain.Exchange}, ending in the operation's terminal action.
 */
package io.aigw.policy.chain;
