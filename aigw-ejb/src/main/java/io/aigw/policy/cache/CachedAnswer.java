package io.aigw.policy.cache;

import io.aigw.jca.api.ChatResponse;

/**
 * One cached answer.
 *
 * @param tenant    the tenant it belongs to (checked again on every hit)
 * @param answer    the complete answer, with the usage it cost when it was produced
 * @param servedBy  the target that produced it ({@code <connection>/<model>})
 * @param expiresAt when it stops being served ({@link System#nanoTime()} scale)
 * @param bytes     its estimated size in memory
 */
public record CachedAnswer(String tenant, ChatResponse answer, String servedBy, long expiresAt, long bytes) {
}
