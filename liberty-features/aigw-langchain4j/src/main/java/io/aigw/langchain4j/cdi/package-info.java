/**
 * CDI beans of the governed LangChain4j models, declared in MicroProfile Config:
 * {@code aigw.langchain4j.chat-model.<name>=<gateway model id>} (and {@code streaming-chat-model},
 * {@code embedding-model}) makes {@code @Inject @Named("<name>") ChatModel} a {@link io.aigw.langchain4j.GovernedChatModel}
 * for that gateway model.
 */
package io.aigw.langchain4j.cdi;
