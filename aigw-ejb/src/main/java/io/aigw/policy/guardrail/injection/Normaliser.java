package io.aigw.policy.guardrail.injection;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts the heuristics and the similarity see: the NFKC-normalised text without invisible characters (what every
 * check runs on, and what is embedded), and its de-obfuscated variants (leetspeak and look-alike letters mapped back,
 * letters separated by dots or dashes joined), on which the rules run again.
 *
 * <p>The {@code fast} variants look for the characters an expression needs before running it; they return exactly what
 * the plain ones return.
 */
final class Normaliser {

    /** Soft hyphen, zero-width and bidirectional control characters, word joiners and the byte-order mark. */
    static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF]");
    private static final Pattern LEET_WORD = Pattern.compile("\\p{L}[013457@$]\\p{L}");
    private static final Pattern SPACED_LETTERS = Pattern.compile("(?<![\\p{L}])(\\p{L}[.\\-_*]){2,}\\p{L}(?![\\p{L}])");
    private static final Pattern CONFUSABLE = Pattern.compile("[аеорсухіѕјԁɡı]");
    /** The characters {@link #CONFUSABLE} matches, and those between the letters of a {@link #LEET_WORD}. */
    private static final String CONFUSABLE_CHARS = "аеорсухіѕјԁɡı";
    private static final String LEET_CHARS = "013457@$";
    /** The separators of {@link #SPACED_LETTERS}. */
    private static final String LETTER_SEPARATORS = ".-_*";

    private Normaliser() {
    }

    /** {@code text} in NFKC, with literal {@code \n} sequences as line breaks and invisible characters removed. */
    static String normalise(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
        // literal "\n" sequences (escaped newlines pasted into prompts) act as line breaks
        n = n.replace("\\n", "\n");
        return INVISIBLE.matcher(n).replaceAll("");
    }

    /** {@code s} with leetspeak digits and symbols between letters, and look-alike letters, made Latin letters. */
    static String deleet(String s) {
        return deleet(s, false);
    }

    /** {@link #deleet(String)}; {@code fast}: look for the leetspeak and look-alike chars before running the expressions. */
    static String deleet(String s, boolean fast) {
        boolean leet = (!fast || containsAny(s, LEET_CHARS)) && LEET_WORD.matcher(s).find();
        if (!leet && !(fast ? containsAny(s, CONFUSABLE_CHARS) : CONFUSABLE.matcher(s).find())) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letterNear = (i > 0 && Character.isLetter(s.charAt(i - 1)))
                    || (i + 1 < s.length() && Character.isLetter(s.charAt(i + 1)));
            if (letterNear) {
                c = switch (c) {
                    case '0' -> 'o';
                    case '1' -> 'i';
                    case '3' -> 'e';
                    case '4' -> 'a';
                    case '5' -> 's';
                    case '7' -> 't';
                    case '@' -> 'a';
                    case '$' -> 's';
                    default -> c;
                };
            }
            c = switch (c) { // Cyrillic and Latin-extension look-alikes
                case 'а' -> 'a';
                case 'е' -> 'e';
                case 'о' -> 'o';
                case 'р' -> 'p';
                case 'с' -> 'c';
                case 'у' -> 'y';
                case 'х' -> 'x';
                case 'і' -> 'i';
                case 'ѕ' -> 's';
                case 'ј' -> 'j';
                case 'ԁ' -> 'd';
                case 'ɡ' -> 'g';
                case 'ı' -> 'i';
                default -> c;
            };
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Necessary for {@link #SPACED_LETTERS}: two separators with one letter between them, i.e. one or two chars (a
     * supplementary letter).
     */
    static boolean mayHaveSpacedLetters(String s) {
        for (int i = 0, n = s.length(); i + 2 < n; i++) {
            if (LETTER_SEPARATORS.indexOf(s.charAt(i)) >= 0 && (LETTER_SEPARATORS.indexOf(s.charAt(i + 2)) >= 0
                    || (i + 3 < n && LETTER_SEPARATORS.indexOf(s.charAt(i + 3)) >= 0))) {
                return true;
            }
        }
        return false;
    }

    /** {@link #joinSpacedLetters(String)}; {@code fast}: only when {@link #mayHaveSpacedLetters} says it may change. */
    static String joinSpacedLetters(String s, boolean fast) {
        return fast && !mayHaveSpacedLetters(s) ? s : joinSpacedLetters(s);
    }

    /** {@code s} with the separators between single letters ({@code i.g.n.o.r.e}, {@code s-y-s-t-e-m}) removed. */
    static String joinSpacedLetters(String s) {
        Matcher m = SPACED_LETTERS.matcher(s);
        if (!m.find()) {
            return s;
        }
        m.reset();
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group().replaceAll("[.\\-_*]", "")));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
