package io.aigw.policy.chain;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and decodes the request body, once the caller is authenticated. */
@ApplicationScoped
@Priority(DecodeStep.PRIORITY)
public class DecodeStep implements PolicyStep {

    public static final int PRIORITY = 300;

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        exchange.decode();
        chain.proceed(exchange);
    }
}
