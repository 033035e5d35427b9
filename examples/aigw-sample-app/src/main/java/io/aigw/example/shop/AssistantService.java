package io.aigw.example.shop;

/** A LangChain4j AI service, built by {@code AiServices} on the gateway's governed chat model. */
public interface AssistantService {

    String ask(String question);
}
