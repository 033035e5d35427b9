package io.aigw.jca.api;

/** One part of a message's content: text, an image or the model's reasoning. More kinds (audio, files) join as new implementations. */
public sealed interface ContentPart permits TextPart, ImagePart, ReasoningPart {
}
