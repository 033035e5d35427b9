package io.aigw.policy.cache;

import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import java.util.List;

/**
 * What a semantic cache compares: the last user message's text (the question), within a partition that holds
 * everything else of the request exactly (the tenant, the route, the system prompt, the earlier turns, the tools and
 * every option). Requests that carry tool results or non-text content in their question have none: they are served
 * only by exact hits.
 *
 * @param partition the key of everything but the question
 * @param text      the question
 */
public record SemanticQuestion(String partition, String text) {

    /** Longest question compared (a longer one is only cached exactly). */
    static final int MAX_CHARS = 2000;

    /** The question of a request, or {@code null} when it has none a semantic cache may use. */
    public static SemanticQuestion of(String tenant, String format, String route, ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        if (messages.isEmpty() || messages.stream().anyMatch(m -> m.role() == Role.TOOL || !m.toolCalls().isEmpty())) {
            return null;
        }
        ChatMessage last = messages.get(messages.size() - 1);
        if (last.role() != Role.USER || last.content().isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (ContentPart p : last.content()) {
            if (!(p instanceof TextPart t)) {
                return null;
            }
            text.append(t.text());
        }
        if (text.length() == 0 || text.length() > MAX_CHARS) {
            return null;
        }
        ChatRequest rest = new ChatRequest(request.model(), messages.subList(0, messages.size() - 1),
                request.options(), request.tools(), request.toolChoice(), request.responseFormat(), false,
                request.extensions());
        return new SemanticQuestion(CacheKey.of(tenant, format + "#semantic", route, rest), text.toString());
    }
}
