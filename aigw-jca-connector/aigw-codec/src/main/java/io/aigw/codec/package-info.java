/**
 * Translation between wire formats and the neutral records of {@code io.aigw.jca.api}. One sub-package per protocol;
 * each translates both directions, so the gateway's client edge and its provider adapters share it.
 */
package io.aigw.codec;
