package io.aigw.policy.guardrail.injection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Aho-Corasick automaton over the case-folded keywords of a set of {@link Prefilter}s: one pass over a text, one table
 * look-up per char, tells which keywords occur in it.
 */
final class KeywordScanner {

    private final int keywords;
    /** Per keyword: its length, and whether it must start (bit 0) or end (bit 1) at a possible word boundary. */
    private final int[] length;
    private final byte[] bounds;
    private final String[] words;
    private final int alphabet;
    /** Per char, the symbol of its case fold (0: a char in no keyword). */
    private final char[] symbol = new char[Character.MAX_VALUE + 1];
    /** The complete transition function: {@code next[state * alphabet + symbol]}. */
    private final int[] next;
    /** Per state, the ids of the keywords that end there (including shorter keywords that are suffixes), or null. */
    private final int[][] output;

    /** The automaton over the keywords of {@code prefilters}, which it binds to its keyword ids. */
    KeywordScanner(List<Prefilter> prefilters) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Prefilter p : prefilters) {
            p.bind(ids);
        }
        keywords = ids.size();
        length = new int[keywords];
        bounds = new byte[keywords];
        words = new String[keywords];
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            String w = e.getKey();
            int b = 0;
            if (w.startsWith("\\b")) {
                w = w.substring(2);
                b |= 1;
            }
            if (w.endsWith("\\b")) {
                w = w.substring(0, w.length() - 2);
                b |= 2;
            }
            if (w.isEmpty()) {
                throw new IllegalStateException("empty keyword: " + e.getKey());
            }
            words[e.getValue()] = w;
            length[e.getValue()] = w.length();
            bounds[e.getValue()] = (byte) b;
        }
        Map<Character, Integer> symbols = new HashMap<>();
        for (String w : words) {
            for (char c : w.toCharArray()) {
                if (fold(c) != c) {
                    throw new IllegalStateException("keyword char not stable under case folding: " + w);
                }
                symbols.computeIfAbsent(c, x -> symbols.size() + 1);
            }
        }
        alphabet = symbols.size() + 1;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            Integer s = symbols.get(fold((char) c));
            symbol[c] = s == null ? 0 : (char) s.intValue();
        }
        // the trie (0 is the root, and "no edge" while building)
        List<int[]> go = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        go.add(new int[alphabet]);
        ends.add(new ArrayList<>());
        for (int id = 0; id < keywords; id++) {
            int state = 0;
            for (char c : words[id].toCharArray()) {
                int s = symbols.get(c);
                if (go.get(state)[s] == 0) {
                    go.add(new int[alphabet]);
                    ends.add(new ArrayList<>());
                    go.get(state)[s] = go.size() - 1;
                }
                state = go.get(state)[s];
            }
            ends.get(state).add(id);
        }
        // failure links breadth-first, completing the transitions into a DFA
        int n = go.size();
        int[] fail = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < alphabet; s++) {
            if (go.get(0)[s] != 0) {
                queue.add(go.get(0)[s]);
            }
        }
        while (!queue.isEmpty()) {
            int r = queue.poll();
            ends.get(r).addAll(ends.get(fail[r]));
            int[] row = go.get(r);
            int[] failRow = go.get(fail[r]);
            for (int s = 0; s < alphabet; s++) {
                if (row[s] != 0) {
                    fail[row[s]] = failRow[s];
                    queue.add(row[s]);
                } else {
                    row[s] = failRow[s];
                }
            }
        }
        next = new int[n * alphabet];
        output = new int[n][];
        for (int st = 0; st < n; st++) {
            System.arraycopy(go.get(st), 0, next, st * alphabet, alphabet);
            List<Integer> o = ends.get(st);
            output[st] = o.isEmpty() ? null : o.stream().mapToInt(Integer::intValue).distinct().toArray();
        }
    }

    /** The case folding of {@link Pattern#UNICODE_CASE} matching: the lower case of the upper case. */
    static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** {@code s} with every char case-folded as {@link #fold(char)} does. */
    static String fold(String s) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            cs[i] = fold(cs[i]);
        }
        return new String(cs);
    }

    /** The keywords occurring in {@code text}, as a bit set indexed by keyword id. */
    long[] scan(String text) {
        long[] present = new long[(keywords + 63) >>> 6];
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = next[state * alphabet + symbol[text.charAt(i)]];
            int[] o = output[state];
            if (o != null) {
                for (int id : o) {
                    int b = bounds[id];
                    if (b == 0 || ((b & 1) == 0 || mayBeBoundary(text, i + 1 - length[id] - 1))
                            && ((b & 2) == 0 || mayBeBoundary(text, i + 1))) {
                        present[id >>> 6] |= 1L << id;
                    }
                }
            }
        }
        return present;
    }

    /** False when the char at {@code i} is an ASCII letter, digit or underscore (a word char for {@code \b}). */
    private static boolean mayBeBoundary(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return true;
        }
        char c = text.charAt(i);
        return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_');
    }

    /** The keyword with id {@code id}, folded and without its boundary marks (diagnostics). */
    String keyword(int id) {
        return words[id];
    }

    /** The number of distinct keywords (diagnostics). */
    int keywords() {
        return keywords;
    }

    /** The number of automaton states (diagnostics). */
    int states() {
        return output.length;
    }

    /** The number of symbols, the "no keyword char" symbol included (diagnostics). */
    int alphabet() {
        return alphabet;
    }
}
