package io.aigw.example.shop;

import io.aigw.cdi.AiClient;
import io.aigw.cdi.AiModel;
import io.aigw.jca.api.ProviderException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** An EJB of the shop that uses AI inside its (container-managed) transaction. */
@Stateless
public class OrderSummaries {

    @Inject
    @AiModel("azure/gpt-4o-mini")
    AiClient assistant;

    public String summarise(String order) throws ProviderException {
        return Answers.of(assistant.chat("Summarise this order: " + order)).build().toString();
    }
}
