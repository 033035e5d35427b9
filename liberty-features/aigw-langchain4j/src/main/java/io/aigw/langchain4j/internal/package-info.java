/**
 * Translation between LangChain4j's chat, tool and JSON schema types and the neutral records of
 * {@link io.aigw.jca.api}, and the assembly of streamed chunks into LangChain4j callbacks. Not an API: the classes
 * are public only so that the models of {@link io.aigw.langchain4j} can use them.
 */
package io.aigw.langchain4j.internal;
