package io.aigw.policy.guardrail;

import io.aigw.policy.guardrail.pii.PiiEntity;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** One rule of a guardrail set, as its document states it. */
public sealed interface GuardrailRule {

    /** The rule's {@code type} in the document. */
    String type();

    GuardrailAction action();

    /** Personal data of the given types. */
    record Pii(Set<PiiEntity> entities, GuardrailAction action, boolean restoreInOutput) implements GuardrailRule {
        public Pii {
            entities = Set.copyOf(entities);
        }

        @Override
        public String type() {
            return "pii";
        }
    }

    /** Text that looks like an attempt to override the instructions, scored from 0 to 1. */
    record PromptInjection(GuardrailAction action, double threshold) implements GuardrailRule {
        @Override
        public String type() {
            return "prompt_injection";
        }
    }

    /** Text matching any of the administrator's regular expressions. */
    record Deny(List<Pattern> patterns, GuardrailAction action) implements GuardrailRule {
        public Deny {
            patterns = List.copyOf(patterns);
        }

        @Override
        public String type() {
            return "deny";
        }
    }

    /** An input longer than {@code value} tokens (estimated at four characters a token). */
    record MaxInputTokens(long value) implements GuardrailRule {
        @Override
        public String type() {
            return "max_input_tokens";
        }

        @Override
        public GuardrailAction action() {
            return GuardrailAction.BLOCK;
        }
    }
}
