package io.aigw.policy.auth;

import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicyStep;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Authenticates the caller's key, before anything reads the body (a 401 wins over a 400 or 413). */
@ApplicationScoped
@Priority(AuthenticationStep.PRIORITY)
public class AuthenticationStep implements PolicyStep {

    public static final int PRIORITY = 200;

    @Inject
    Authenticator authenticator;

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        exchange.caller(authenticator.authenticate(exchange.call().credential()));
        chain.proceed(exchange);
    }
}
