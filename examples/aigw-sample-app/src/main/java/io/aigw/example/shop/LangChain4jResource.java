package io.aigw.example.shop;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.service.AiServices;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * LangChain4j code that changed nothing but configuration: the models are the gateway's, named in
 * {@code microprofile-config.properties} and injected with {@code @Named}, as langchain4j-cdi's
 * {@code @RegisterAIService(chatModelName = "assistant")} would find them.
 */
@Path("/lc4j")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LangChain4jResource {

    @Inject
    @Named("assistant")
    ChatModel model;

    @Inject
    @Named("embedder")
    EmbeddingModel embeddings;

    @GET
    @Path("ask")
    public String ask(@QueryParam("q") String q) {
        WeatherTools tools = new WeatherTools();
        AssistantService assistant = AiServices.builder(AssistantService.class).chatModel(model).tools(tools).build();
        String answer = assistant.ask(q);
        var cities = Json.createArrayBuilder();
        tools.cities().forEach(cities::add);
        return Json.createObjectBuilder().add("answer", answer).add("cities", cities).build().toString();
    }

    @GET
    @Path("embed")
    public String embed(@QueryParam("q") String q) {
        var vectors = embeddings.embedAll(List.of(TextSegment.from(q))).content();
        return Json.createObjectBuilder().add("dimensions", vectors.get(0).dimension()).build().toString();
    }
}
