/**
 * The provider SPI inside the resource adapter: a {@link io.aigw.jca.provider.Provider} per connection factory (shared
 * state such as an HTTP client or a loaded model) opens one {@link io.aigw.jca.provider.ProviderSession} per managed
 * connection. One sub-package per wire protocol implements it.
 */
package io.aigw.jca.provider;
