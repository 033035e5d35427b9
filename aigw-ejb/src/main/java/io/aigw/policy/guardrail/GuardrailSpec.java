package io.aigw.policy.guardrail;

import io.aigw.policy.guardrail.injection.InjectionDetector;
import io.aigw.policy.guardrail.pii.PiiEntity;
import io.aigw.policy.quota.SpecFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A guardrail set's definition, parsed strictly (unknown fields, types, actions a stage does not allow and invalid
 * patterns are 400 naming the field) and written back with every default spelled out.
 *
 * @param input  rules applied to everything the provider would see
 * @param output rules applied to the answer, streamed or not
 */
public record GuardrailSpec(List<GuardrailRule> input, List<GuardrailRule> output) {

    public static final int MAX_RULES = 20;
    public static final int MAX_PATTERNS = 50;
    public static final int MAX_PATTERN_LENGTH = 500;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final List<String> ENTITY_NAMES = java.util.Arrays.stream(PiiEntity.values())
            .map(PiiEntity::wireName).toList();
    private static final Set<GuardrailAction> INPUT_PII = EnumSet.allOf(GuardrailAction.class);
    private static final Set<GuardrailAction> OUTPUT = EnumSet.of(GuardrailAction.REDACT, GuardrailAction.BLOCK,
            GuardrailAction.FLAG);
    private static final Set<GuardrailAction> INJECTION = EnumSet.of(GuardrailAction.BLOCK, GuardrailAction.FLAG);

    public GuardrailSpec {
        input = List.copyOf(input);
        output = List.copyOf(output);
    }

    /** Parses a {@code PUT /admin/guardrails/{name}} document. */
    public static GuardrailSpec parse(JsonObject json) {
        SpecFields.only(json, "", Set.of("input", "output"));
        List<GuardrailRule> input = rules(json.get("input"), "input", true);
        List<GuardrailRule> output = rules(json.get("output"), "output", false);
        if (input.isEmpty() && output.isEmpty()) {
            throw SpecFields.invalid("input", "A guardrail set needs at least one 'input' or 'output' rule.");
        }
        return new GuardrailSpec(input, output);
    }

    private static List<GuardrailRule> rules(JsonValue v, String stage, boolean isInput) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray array) || array.size() > MAX_RULES) {
            throw SpecFields.invalid(stage, "'" + stage + "' must be an array of at most " + MAX_RULES + " rules.");
        }
        List<GuardrailRule> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String where = stage + "[" + i + "].";
            if (!(array.get(i) instanceof JsonObject r)) {
                throw SpecFields.invalid(stage + "[" + i + "]", "Each rule must be an object with a 'type'.");
            }
            String type = SpecFields.string(r, "type", where, null);
            if (type == null) {
                throw SpecFields.invalid(where + "type", "'" + where + "type' is required: pii, prompt_injection, "
                        + "deny or max_input_tokens.");
            }
            out.add(switch (type) {
                case "pii" -> pii(r, where, isInput);
                case "prompt_injection" -> injection(r, where, isInput);
                case "deny" -> deny(r, where, isInput);
                case "max_input_tokens" -> maxTokens(r, where, isInput);
                default -> throw SpecFields.invalid(where + "type", "'" + where + "type' must be pii, "
                        + "prompt_injection, deny or max_input_tokens.");
            });
        }
        return out;
    }

    private static GuardrailRule pii(JsonObject r, String where, boolean isInput) {
        SpecFields.only(r, where, isInput ? Set.of("type", "entities", "action", "restore_in_output")
                : Set.of("type", "entities", "action"));
        Set<PiiEntity> entities = EnumSet.noneOf(PiiEntity.class);
        JsonValue e = r.get("entities");
        if (e == null || e.getValueType() == JsonValue.ValueType.NULL) {
            entities = EnumSet.allOf(PiiEntity.class);
        } else if (e instanceof JsonArray list && !list.isEmpty()) {
            for (JsonValue name : list) {
                PiiEntity entity = name instanceof JsonString s ? PiiEntity.byWireName(s.getString()).orElse(null)
                        : null;
                if (entity == null) {
                    throw SpecFields.invalid(where + "entities", "'" + where + "entities' may hold only "
                            + ENTITY_NAMES + ".");
                }
                entities.add(entity);
            }
        } else {
            throw SpecFields.invalid(where + "entities", "'" + where + "entities' must be a non-empty array of "
                    + ENTITY_NAMES + " (absent: all of them).");
        }
        GuardrailAction action = action(r, where, isInput ? INPUT_PII : OUTPUT, GuardrailAction.REDACT);
        JsonValue restore = r.get("restore_in_output");
        boolean restoring = false;
        if (restore != null && restore.getValueType() != JsonValue.ValueType.NULL) {
            if (restore != JsonValue.TRUE && restore != JsonValue.FALSE) {
                throw SpecFields.invalid(where + "restore_in_output", "'" + where + "restore_in_output' must be "
                        + "true or false.");
            }
            restoring = restore == JsonValue.TRUE;
            if (restoring && action != GuardrailAction.REDACT) {
                throw SpecFields.invalid(where + "restore_in_output", "'" + where + "restore_in_output' applies "
                        + "only to the action redact.");
            }
        }
        return new GuardrailRule.Pii(entities, action, restoring);
    }

    private static GuardrailRule injection(JsonObject r, String where, boolean isInput) {
        if (!isInput) {
            throw SpecFields.invalid(where + "type", "prompt_injection is an input rule.");
        }
        SpecFields.only(r, where, Set.of("type", "action", "threshold"));
        double threshold = InjectionDetector.DEFAULT_THRESHOLD;
        JsonValue t = r.get("threshold");
        if (t != null && t.getValueType() != JsonValue.ValueType.NULL) {
            if (!(t instanceof JsonNumber n) || n.doubleValue() <= 0 || n.doubleValue() > 1) {
                throw SpecFields.invalid(where + "threshold", "'" + where + "threshold' must be a number above 0 "
                        + "and at most 1.");
            }
            threshold = n.doubleValue();
        }
        return new GuardrailRule.PromptInjection(action(r, where, INJECTION, GuardrailAction.BLOCK), threshold);
    }

    private static GuardrailRule deny(JsonObject r, String where, boolean isInput) {
        SpecFields.only(r, where, Set.of("type", "patterns", "action"));
        if (!(r.get("patterns") instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_PATTERNS) {
            throw SpecFields.invalid(where + "patterns", "'" + where + "patterns' must be an array of 1 to "
                    + MAX_PATTERNS + " regular expressions.");
        }
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = where + "patterns[" + i + "]";
            if (!(list.get(i) instanceof JsonString s) || s.getString().isEmpty()
                    || s.getString().length() > MAX_PATTERN_LENGTH) {
                throw SpecFields.invalid(field, "'" + field + "' must be a regular expression of 1 to "
                        + MAX_PATTERN_LENGTH + " characters.");
            }
            try {
                patterns.add(Pattern.compile(s.getString()));
            } catch (PatternSyntaxException e) {
                throw SpecFields.invalid(field, "'" + field + "' is not a valid regular expression: "
                        + e.getDescription() + ".");
            }
        }
        return new GuardrailRule.Deny(patterns, action(r, where, isInput ? INPUT_PII : OUTPUT,
                GuardrailAction.BLOCK));
    }

    private static GuardrailRule maxTokens(JsonObject r, String where, boolean isInput) {
        if (!isInput) {
            throw SpecFields.invalid(where + "type", "max_input_tokens is an input rule.");
        }
        SpecFields.only(r, where, Set.of("type", "value"));
        Long value = SpecFields.positive(r, "value", where, 10_000_000);
        if (value == null) {
            throw SpecFields.invalid(where + "value", "'" + where + "value' (1 to 10000000) is required.");
        }
        return new GuardrailRule.MaxInputTokens(value);
    }

    private static GuardrailAction action(JsonObject r, String where, Set<GuardrailAction> allowed,
                                          GuardrailAction fallback) {
        String s = SpecFields.string(r, "action", where, null);
        GuardrailAction a = s == null ? fallback : GuardrailAction.of(s);
        if (a == null || !allowed.contains(a)) {
            throw SpecFields.invalid(where + "action", "'" + where + "action' must be one of "
                    + allowed.stream().map(GuardrailAction::wireName).toList() + ".");
        }
        return a;
    }

    /** The definition as a document, every default spelled out. */
    public JsonObject toJson() {
        return JSON.createObjectBuilder().add("input", toJson(input, true)).add("output", toJson(output, false)).build();
    }

    private static JsonArrayBuilder toJson(List<GuardrailRule> rules, boolean isInput) {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        for (GuardrailRule rule : rules) {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("type", rule.type());
            if (rule instanceof GuardrailRule.Pii p) {
                JsonArrayBuilder names = JSON.createArrayBuilder();
                for (PiiEntity e : PiiEntity.values()) {
                    if (p.entities().contains(e)) {
                        names.add(e.wireName());
                    }
                }
                o.add("entities", names).add("action", p.action().wireName());
                if (isInput) {
                    o.add("restore_in_output", p.restoreInOutput());
                }
            } else if (rule instanceof GuardrailRule.PromptInjection p) {
                o.add("action", p.action().wireName()).add("threshold", p.threshold());
            } else if (rule instanceof GuardrailRule.Deny d) {
                JsonArrayBuilder ps = JSON.createArrayBuilder();
                d.patterns().forEach(p -> ps.add(p.pattern()));
                o.add("patterns", ps).add("action", d.action().wireName());
            } else if (rule instanceof GuardrailRule.MaxInputTokens m) {
                o.add("value", m.value());
            }
            out.add(o);
        }
        return out;
    }
}
