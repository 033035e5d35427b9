package io.aigw.policy.guardrail.pii;

import static io.aigw.policy.guardrail.pii.CharClasses.TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.isAsciiLetter;
import static io.aigw.policy.guardrail.pii.CharClasses.isDigit;
import static io.aigw.policy.guardrail.pii.CharClasses.startsWith;

/**
 * API keys and access tokens of the major providers (OpenAI, Anthropic, Stripe, AWS, Google, GitHub, Slack, Hugging
 * Face), recognised by their prefixes; an {@code sk-} key must look generated, so that {@code sk-learn} or hyphenated
 * words are left alone.
 */
final class ApiKeys {

    static final Detector DETECTOR = new Detector(PiiEntity.API_KEY,
            "(?<![" + TOKEN + "-])(?:"
                    + "sk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}"
                    + "|[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}"
                    + "|A[KS]IA[A-Z0-9]{16}"
                    + "|AIza[A-Za-z0-9_-]{35}"
                    + "|gh[pousr]_[A-Za-z0-9]{36,251}"
                    + "|github_pat_[A-Za-z0-9_]{22,255}"
                    + "|xox[abpr]-[A-Za-z0-9-]{10,250}"
                    + "|hf_[A-Za-z0-9]{34,40})"
                    + "(?![" + TOKEN + "-])",
            266, "srAgxh", ApiKeys::valid);

    private ApiKeys() {
    }

    /** Whether a key prefix of one of the providers starts at index {@code i}. */
    static boolean prefixAt(CharSequence t, int i) {
        return switch (t.charAt(i)) {
            case 's' -> startsWith(t, i, "sk-") || startsWith(t, i, "sk_");
            case 'r' -> startsWith(t, i, "rk_");
            case 'A' -> startsWith(t, i, "AKIA") || startsWith(t, i, "ASIA") || startsWith(t, i, "AIza");
            case 'g' -> startsWith(t, i, "github_pat_")
                    || startsWith(t, i, "gh") && i + 3 < t.length() && t.charAt(i + 3) == '_'
                    && "pousr".indexOf(t.charAt(i + 2)) >= 0;
            case 'x' -> startsWith(t, i, "xox") && i + 4 < t.length() && t.charAt(i + 4) == '-'
                    && "abpr".indexOf(t.charAt(i + 3)) >= 0;
            case 'h' -> startsWith(t, i, "hf_");
            default -> false;
        };
    }

    private static boolean valid(CharSequence text, int start, int end) {
        String key = text.subSequence(start, end).toString();
        if (key.startsWith("sk-")) {
            String body = key.substring(3);
            for (String kind : new String[] {"ant-", "proj-", "svcacct-", "admin-"}) {
                if (body.startsWith(kind)) {
                    body = body.substring(kind.length());
                    break;
                }
            }
            return body.length() >= 20 && randomLooking(body);
        }
        if (key.startsWith("xox")) {
            return key.substring(5).chars().anyMatch(c -> c >= '0' && c <= '9');
        }
        return true;
    }

    /**
     * Whether a key body looks generated rather than like hyphenated words ({@code sk-my-project-notes-final}):
     * letters and digits both, and few separators.
     */
    private static boolean randomLooking(String body) {
        int letters = 0;
        int digits = 0;
        int separators = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (isDigit(c)) {
                digits++;
            } else if (isAsciiLetter(c)) {
                letters++;
            } else {
                separators++;
            }
        }
        return letters > 0 && digits > 0 && separators * 8 <= body.length();
    }
}
