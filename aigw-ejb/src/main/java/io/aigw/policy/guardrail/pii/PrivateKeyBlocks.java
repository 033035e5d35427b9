package io.aigw.policy.guardrail.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM-encoded private key blocks (PKCS#1 RSA, EC, DSA, OpenSSH, PKCS#8 plain or encrypted): from the header through
 * the END line of the same type, or to the end of the text while that line is missing.
 */
final class PrivateKeyBlocks {

    /** How every PEM header begins; the candidate pass looks for it. */
    static final String BEGIN = "-----BEGIN ";

    private static final Pattern HEADER =
            Pattern.compile("-----BEGIN (?:(RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----");

    /**
     * Where a streamed text stands with respect to private key blocks.
     *
     * @param openStart the start of the first block with no END line yet, or of a header still arriving at the
     *                  tail; the text length when there is none
     * @param closedEnd the end of the last complete block before it; 0 when there is none
     */
    record StreamState(int openStart, int closedEnd) {
    }

    private PrivateKeyBlocks() {
    }

    /**
     * The private key blocks of a text.
     *
     * @param first the index of the first {@link #BEGIN} to look at
     * @param out   where the matches are added
     */
    static void find(String text, int first, List<PiiMatch> out) {
        int n = text.length();
        Matcher m = HEADER.matcher(text);
        int i = first;
        while (i >= 0) {
            m.region(i, n);
            if (m.lookingAt()) {
                int end = end(text, m.group(1), m.end());
                out.add(new PiiMatch(PiiEntity.PRIVATE_KEY, i, end < 0 ? n : end));
                if (end < 0) {
                    return;
                }
                i = text.indexOf(BEGIN, end);
            } else {
                i = text.indexOf(BEGIN, i + 1);
            }
        }
    }

    /**
     * For holding streamed text: the first block still open (or header still arriving) and the end of the last
     * complete block before it.
     */
    static StreamState streamState(String text) {
        int n = text.length();
        int covered = 0;
        Matcher m = HEADER.matcher(text);
        int i = text.indexOf(BEGIN);
        while (i >= 0) {
            m.region(i, n);
            if (m.lookingAt()) {
                int end = end(text, m.group(1), m.end());
                if (end < 0) {
                    return new StreamState(i, covered);
                }
                covered = end;
                i = text.indexOf(BEGIN, end);
            } else {
                if (m.hitEnd()) {
                    return new StreamState(i, covered);
                }
                i = text.indexOf(BEGIN, i + 1);
            }
        }
        // the beginning of a header, not yet up to "-----BEGIN "
        for (int p = Math.max(covered, n - BEGIN.length() + 1); p < n; p++) {
            if (text.charAt(p) == '-' && BEGIN.startsWith(text.substring(p))) {
                return new StreamState(p, covered);
            }
        }
        return new StreamState(n, covered);
    }

    /** The index just after the END line matching a header's type, searching from {@code from}; -1 if none yet. */
    private static int end(String text, String type, int from) {
        String marker = "-----END " + (type == null ? "" : type + " ") + "PRIVATE KEY-----";
        int at = text.indexOf(marker, from);
        return at < 0 ? -1 : at + marker.length();
    }
}
