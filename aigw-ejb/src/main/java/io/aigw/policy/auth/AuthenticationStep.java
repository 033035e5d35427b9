package io.aigw.policy.auth;

import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicyStep;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Authenticates the caller's key, before anything reads the body (a 401 wins over a 400 or 413). A call from another
 * application on the server is authenticated by that application's grant instead; its audit details name the
 * application and the caller's principal, granted or not.
 */
@ApplicationScoped
@Priority(AuthenticationStep.PRIORITY)
public class AuthenticationStep implements PolicyStep {

    public static final int PRIORITY = 200;

    @Inject
    Authenticator authenticator;

    private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    @Inject
    io.aigw.policy.inprocess.ApplicationGrants applications;

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        String application = exchange.call().application();
        if (application != null) {
            jakarta.json.JsonObjectBuilder origin = JSON.createObjectBuilder().add("application", application);
            if (exchange.call().principal() != null) {
                origin.add("principal", exchange.call().principal());
            }
            exchange.detail("in_process", origin.build());
            exchange.caller(applications.callerFor(application));
        } else {
            exchange.caller(authenticator.authenticate(exchange.call().credential()));
        }
        chain.proceed(exchange);
    }
}
