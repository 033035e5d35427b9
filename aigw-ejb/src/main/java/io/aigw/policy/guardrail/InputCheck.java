package io.aigw.policy.guardrail;

import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.guardrail.injection.InjectionScore;
import io.aigw.policy.quota.TokenEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The input rules of the sets that apply to one request, run over every text the provider would see: the system
 * prompt and every message's text, tool results and the arguments of earlier tool calls (images are not inspected).
 * Prompt injection is judged on what users and tools wrote (not the system prompt, which the application wrote).
 */
final class InputCheck {

    private final List<GuardrailSet> sets;
    private final TextRules rules;
    private final Placeholders placeholders;
    private final Decisions decisions;
    private final Function<String, InjectionScore> injection;

    /**
     * @param injection scores a text for prompt injection ({@link InjectionGuard#score}); called only when a set has
     *                  a prompt_injection rule
     */
    InputCheck(List<GuardrailSet> sets, Placeholders placeholders, Decisions decisions,
               Function<String, InjectionScore> injection) {
        this.sets = sets;
        this.rules = TextRules.of(sets, "input");
        this.placeholders = placeholders;
        this.decisions = decisions;
        this.injection = injection;
    }

    /** Whether a match requires a local connection. */
    boolean localOnly() {
        return rules.localOnly();
    }

    Decisions.RuleRef localBy() {
        return rules.localBy();
    }

    /** The request as the provider may see it (the same instance when nothing changed); throws when blocked. */
    Object run(Object request) {
        tokens(request);
        if (request instanceof ChatRequest chat) {
            injection(chat);
            return rules.isEmpty() ? chat : chat(chat);
        }
        if (request instanceof EmbeddingRequest embedding && !rules.isEmpty()) {
            List<String> inputs = new ArrayList<>(embedding.inputs().size());
            boolean changed = false;
            for (String in : embedding.inputs()) {
                String out = rules.apply(in, placeholders, decisions);
                changed |= out != in;
                inputs.add(out);
            }
            return changed ? new EmbeddingRequest(embedding.model(), inputs, embedding.dimensions(),
                    embedding.extensions()) : embedding;
        }
        return request;
    }

    private ChatRequest chat(ChatRequest chat) {
        List<ChatMessage> messages = new ArrayList<>(chat.messages().size());
        boolean changed = false;
        for (ChatMessage m : chat.messages()) {
            List<ContentPart> parts = new ArrayList<>(m.content().size());
            boolean partsChanged = false;
            for (ContentPart p : m.content()) {
                if (p instanceof TextPart t) {
                    String text = rules.apply(t.text(), placeholders, decisions);
                    partsChanged |= text != t.text();
                    parts.add(text == t.text() ? t : new TextPart(text, t.cacheControl()));
                } else {
                    parts.add(p);
                }
            }
            List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
            for (ToolCall c : m.toolCalls()) {
                String args = rules.apply(c.arguments(), placeholders, decisions);
                partsChanged |= args != c.arguments();
                calls.add(args == c.arguments() ? c : new ToolCall(c.id(), c.name(), args));
            }
            messages.add(partsChanged ? new ChatMessage(m.role(), parts, m.name(), calls, m.toolCallId(),
                    m.toolError()) : m);
            changed |= partsChanged;
        }
        return changed ? new ChatRequest(chat.model(), messages, chat.options(), chat.tools(), chat.toolChoice(),
                chat.responseFormat(), chat.stream(), chat.extensions()) : chat;
    }

    private void tokens(Object request) {
        long estimate = -1;
        for (GuardrailSet set : sets) {
            List<GuardrailRule> input = set.spec().input();
            for (int i = 0; i < input.size(); i++) {
                if (input.get(i) instanceof GuardrailRule.MaxInputTokens max) {
                    if (estimate < 0) {
                        estimate = TokenEstimate.of(request, 0).input();
                    }
                    if (estimate > max.value()) {
                        Decisions.RuleRef ref = new Decisions.RuleRef(set.name(), "input", i, max.type(),
                                GuardrailAction.BLOCK);
                        decisions.count(ref, "tokens", (int) Math.min(Integer.MAX_VALUE, estimate));
                        throw new GatewayException(Problem.GUARDRAIL_BLOCKED, "The request was blocked by the "
                                + "guardrail set '" + set.name() + "' (input rule " + i + ", max_input_tokens: about "
                                + estimate + " input tokens, at most " + max.value() + ").");
                    }
                }
            }
        }
    }

    private void injection(ChatRequest chat) {
        for (GuardrailSet set : sets) {
            List<GuardrailRule> input = set.spec().input();
            for (int i = 0; i < input.size(); i++) {
                if (input.get(i) instanceof GuardrailRule.PromptInjection rule) {
                    judge(chat, set, i, rule);
                }
            }
        }
    }

    private void judge(ChatRequest chat, GuardrailSet set, int index, GuardrailRule.PromptInjection rule) {
        Decisions.RuleRef ref = new Decisions.RuleRef(set.name(), "input", index, rule.type(), rule.action());
        for (ChatMessage m : chat.messages()) {
            if (m.role() != Role.USER && m.role() != Role.TOOL) {
                continue;
            }
            String text = m.text();
            if (text == null || text.isBlank()) {
                continue;
            }
            InjectionScore score;
            try {
                score = injection.apply(text);
            } catch (GatewayException | IllegalStateException e) {
                decisions.score(ref, 0, "detector_unavailable", false);
                if (rule.action() == GuardrailAction.BLOCK) {
                    throw new GatewayException(Problem.GUARDRAIL_UNAVAILABLE, "The prompt-injection check of the "
                            + "guardrail set '" + set.name() + "' cannot run now (its embedding model is unavailable);"
                            + " the request is refused rather than served unchecked.");
                }
                return;
            }
            boolean matched = score.score() >= rule.threshold();
            decisions.score(ref, score.score(), score.signal(), matched);
            if (matched && rule.action() == GuardrailAction.BLOCK) {
                throw new GatewayException(Problem.GUARDRAIL_BLOCKED, "The request was blocked by the guardrail "
                        + "set '" + set.name() + "' (input rule " + index + ", prompt_injection: score "
                        + Math.round(score.score() * 100) / 100.0 + ", threshold " + rule.threshold() + ").");
            }
        }
    }
}
