package io.aigw.cdi.internal;

import io.aigw.cdi.AiClient;
import io.aigw.cdi.AiModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;

/** Produces {@code @AiModel("...") AiClient}: a client bound to the qualifier's model id. */
@ApplicationScoped
public class AiClientProducer {

    @Produces
    @Dependent
    @AiModel("")
    public AiClient client(InjectionPoint injectionPoint) {
        String model = null;
        for (java.lang.annotation.Annotation q : injectionPoint.getQualifiers()) {
            if (q instanceof AiModel m) {
                model = m.value();
            }
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("@AiModel needs a route name or <connection>/<model>: "
                    + injectionPoint.getMember());
        }
        return new GovernedClient(model.trim());
    }
}
