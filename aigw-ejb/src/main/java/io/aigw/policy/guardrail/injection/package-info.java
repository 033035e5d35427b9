/**
 * Prompt-injection scoring: {@link io.aigw.policy.guardrail.injection.InjectionDetector#score(String)} rates how likely a
 * text (a user message, a tool result) tries to override the instructions of the model that reads it, as an
 * {@link io.aigw.policy.guardrail.injection.InjectionScore} in [0,1] compared with a threshold (0.8 by default).
 *
 * <p>Two signals are combined by noisy-OR. <b>Heuristics</b>: weighted regular-expression rules for instruction
 * override, persona hijack, system-prompt and secret extraction, fake role delimiters, encoded or obfuscated payloads,
 * instructions addressed to an AI inside data, exfiltration and priority claims, in several languages, run on the
 * NFKC-normalised text and again on de-obfuscated copies; keyword prefilters (one Aho-Corasick pass) skip the rules that
 * cannot match. Texts that talk <em>about</em> attacks (analysis cues, reported speech, quotes) weigh less.
 * <b>Similarity</b>: the most suspicious sentence segments are embedded by the caller's model and compared by cosine
 * with the curated known attacks shipped in {@code META-INF/aigw/guardrails/known-attacks.jsonl}; segment vectors are
 * kept in an LRU cache.
 *
 * <p>The evaluation ({@code InjectionEvaluationTest}, with the real all-MiniLM-L6-v2 model) scores the curated attacks
 * and a set of benign prompts with hard negatives (test resource {@code guardrail/benign-prompts.jsonl}) by stratified
 * 5-fold cross-validation, a prompt never judged against a set that contains it; at the default threshold the pooled
 * recall must stay at least 0.90 and the false-positive rate at most 0.02. The figures go to
 * {@code target/injection-eval.txt}. {@code InjectionHeuristicsTest} checks that the prefilters never change a result.
 */
package io.aigw.policy.guardrail.injection;
