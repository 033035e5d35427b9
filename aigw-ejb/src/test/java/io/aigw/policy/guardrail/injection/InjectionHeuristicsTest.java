package io.aigw.policy.guardrail.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prefilters of {@link Heuristics} (keywords per rule, character checks before expressions) only skip
 * work: on every labelled prompt, and on obfuscated, quoted and upper-case variants of it, the optimised evaluation must give
 * exactly what the straightforward one (every rule and check on every text) gives. A prefilter that drops a match fails here.
 */
class InjectionHeuristicsTest {

    static List<String> prompts;

    @BeforeAll
    static void load() throws IOException {
        prompts = new ArrayList<>();
        InjectionEvaluationTest.read("/META-INF/aigw/guardrails/known-attacks.jsonl", true).forEach(e -> prompts.add(e.text()));
        InjectionEvaluationTest.read("/guardrail/benign-prompts.jsonl", false).forEach(e -> prompts.add(e.text()));
    }

    /** Everything the rest of the detector reads from the heuristics. */
    private static String describe(Heuristics h) {
        return h.value + " " + h.strongest + " hits=" + h.hits.stream().map(x -> x[0] + "-" + x[1]).collect(Collectors.joining(","))
                + " analysed=" + h.framing.analysed + " quoted=" + h.framing.quoted.stream().map(x -> x[0] + "-" + x[1])
                .collect(Collectors.joining(","));
    }

    private static void assertSameAsReference(String raw) {
        String norm = Normaliser.normalise(raw);
        assertThat(describe(Heuristics.evaluate(norm, raw)))
                .as(raw)
                .isEqualTo(describe(Heuristics.evaluateReference(norm, raw)));
    }

    @Test
    void optimisedHeuristicsEqualTheStraightforwardEvaluationOnEveryLabelledPrompt() {
        assertThat(prompts).hasSizeGreaterThanOrEqualTo(440);
        for (String text : prompts) {
            assertSameAsReference(text);
        }
    }

    @Test
    void optimisedHeuristicsEqualTheStraightforwardEvaluationOnVariants() {
        for (String text : prompts) {
            assertSameAsReference(text.toUpperCase(Locale.ROOT));
            assertSameAsReference(text.replace('o', '0').replace('e', '3').replace('i', '1').replace('a', '4').replace('s', '5'));
            assertSameAsReference(text.replace('a', 'а').replace('e', 'е').replace('o', 'о'));
            assertSameAsReference(text.replaceAll("(?<=\\p{L})(?=\\p{L})", "."));
            assertSameAsReference(text.replace(" ", "\u200B "));
            assertSameAsReference("Security report: the user typed \"" + text + "\". Is this an attack?");
        }
        // long texts: the labelled prompts one after another
        StringBuilder sb = new StringBuilder();
        for (String text : prompts) {
            sb.append(text).append(sb.length() % 3 == 0 ? "\n" : " ");
            if (sb.length() > 2000) {
                assertSameAsReference(sb.toString());
                sb.setLength(0);
            }
        }
    }

    /**
     * The keyword scan compares chars under the case folding of {@code (?iu)} matching: for every keyword char, a char matches
     * it case-insensitively exactly when it folds to it.
     */
    @Test
    void keywordFoldingAgreesWithUnicodeCaseInsensitiveMatching() {
        KeywordScanner scanner = HeuristicRules.KEYWORDS;
        Set<Character> chars = new LinkedHashSet<>();
        for (int id = 0; id < scanner.keywords(); id++) {
            for (char c : scanner.keyword(id).toCharArray()) {
                chars.add(c);
            }
        }
        List<String> disagreements = new ArrayList<>();
        for (char k : chars) {
            Pattern single = Pattern.compile("(?iu)" + Pattern.quote(String.valueOf(k)));
            Pattern slice = Pattern.compile("(?iu)" + Pattern.quote("#" + k));
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                boolean folds = KeywordScanner.fold((char) c) == k;
                String s = String.valueOf((char) c);
                if (single.matcher(s).matches() != folds || slice.matcher("#" + s).matches() != folds) {
                    disagreements.add(String.format("%s vs U+%04X", k, c));
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }
}
