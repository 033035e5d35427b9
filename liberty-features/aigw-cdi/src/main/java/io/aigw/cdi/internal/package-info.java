/**
 * The user feature's CDI beans: the producer of {@code @AiModel} clients, registered with every CDI application
 * through Liberty's {@code CDIExtensionMetadata}, and the client that forwards to the registered gateway.
 */
package io.aigw.cdi.internal;
