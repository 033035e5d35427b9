package io.aigw.example.shop;

import io.aigw.cdi.AiClient;
import io.aigw.cdi.AiModel;
import io.aigw.jca.api.ProviderException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** For signed-in shoppers only (web.xml): the gateway records the shopper as the call's principal. */
@Path("/secure")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SecureResource {

    @Inject
    @AiModel("azure/gpt-4o-mini")
    AiClient assistant;

    @GET
    @Path("chat")
    public String chat(@QueryParam("q") String q, @Context SecurityContext security) throws ProviderException {
        return Answers.of(assistant.chat(q)).add("user", security.getUserPrincipal().getName()).build().toString();
    }
}
