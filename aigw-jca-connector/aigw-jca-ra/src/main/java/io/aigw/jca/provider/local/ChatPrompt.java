package io.aigw.jca.provider.local;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.Pair;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a neutral chat request into the model's prompt text, refusing what a local text model cannot serve: images,
 * tools, several choices and structured output. System and developer messages become the one system prompt the
 * binding's template takes; user and assistant turns follow in order.
 */
final class ChatPrompt {

    private ChatPrompt() {
    }

    /** The conversation in the binding's form, after checking that a local text model can serve the request. */
    static InferenceParameters messagesOf(ChatRequest request) throws ProviderException {
        refuseUnsupported(request);
        StringBuilder system = new StringBuilder();
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            String text = m.text() == null ? "" : m.text();
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> system.append(system.length() == 0 ? "" : "\n\n").append(text);
                case USER -> turns.add(new Pair<>("user", text));
                case ASSISTANT -> turns.add(new Pair<>("assistant", text));
                case TOOL -> throw unsupported(request, "tool results");
            }
        }
        return new InferenceParameters("").setMessages(system.toString(), turns);
    }

    private static void refuseUnsupported(ChatRequest request) throws ProviderException {
        if (!request.tools().isEmpty() || (request.toolChoice() != null && !"none".equals(request.toolChoice()))) {
            throw unsupported(request, "tools");
        }
        if (request.options().n() != null && request.options().n() > 1) {
            throw unsupported(request, "more than one choice (n > 1)");
        }
        if (request.responseFormat() != null && !"text".equals(request.responseFormat().type())) {
            throw unsupported(request, "response_format '" + request.responseFormat().type() + "'");
        }
        for (ChatMessage m : request.messages()) {
            if (!m.toolCalls().isEmpty()) {
                throw unsupported(request, "tool calls");
            }
            for (ContentPart part : m.content()) {
                if (part instanceof ImagePart) {
                    throw unsupported(request, "images");
                }
            }
        }
    }

    private static ProviderException unsupported(ChatRequest request, String what) {
        return new ProviderException(Kind.UNSUPPORTED, "The local model '" + request.model() + "' is a text model and"
                + " does not support " + what + ".");
    }
}
