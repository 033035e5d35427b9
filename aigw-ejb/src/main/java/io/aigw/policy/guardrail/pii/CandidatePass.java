package io.aigw.policy.guardrail.pii;

import static io.aigw.policy.guardrail.pii.CharClasses.isDigit;
import static io.aigw.policy.guardrail.pii.CharClasses.isToken;
import static io.aigw.policy.guardrail.pii.CharClasses.startsWith;

import java.util.Set;

/**
 * The cheap pass: one walk over a text that notes the few places where an enabled entity could be at all (runs of
 * digits, hex runs with colons, {@code @} signs, IBAN country codes, key prefixes, PEM headers), so that the patterns
 * only run there and text without candidates costs a single pass over its characters. Immutable and thread-safe.
 */
final class CandidatePass {

    private final boolean email;
    private final boolean numeric;
    private final boolean iban;
    private final boolean ip;
    private final boolean apiKey;

    /**
     * A pass for the given entities.
     *
     * @param entities what is looked for
     */
    CandidatePass(Set<PiiEntity> entities) {
        email = entities.contains(PiiEntity.EMAIL);
        iban = entities.contains(PiiEntity.IBAN);
        ip = entities.contains(PiiEntity.IP_ADDRESS);
        apiKey = entities.contains(PiiEntity.API_KEY);
        numeric = entities.contains(PiiEntity.CREDIT_CARD) || entities.contains(PiiEntity.PHONE)
                || entities.contains(PiiEntity.US_SSN) || ip;
    }

    /**
     * Where the enabled entities could be.
     *
     * @param from the index to start at
     * @param pem  whether to look for a private key header
     * @return the candidates found
     */
    Candidates scan(CharSequence text, int from, boolean pem) {
        Candidates found = new Candidates(ip);
        int n = text.length();
        int numStart = -1;
        int numDigits = 0;
        int numDots = 0;
        int hexStart = -1;
        int hexColons = 0;
        int hexDigits = 0;
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (numeric) {
                if (numStart >= 0) {
                    if (digit) {
                        numDigits++;
                    } else if (c == '.') {
                        numDots++;
                    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '+') {
                        found.numeric(numStart, i, numDigits, numDots);
                        numStart = -1;
                    }
                }
                if (numStart < 0 && (digit || c == '+' || c == '(')) {
                    numStart = i;
                    numDigits = digit ? 1 : 0;
                    numDots = 0;
                }
            }
            if (ip) {
                boolean hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (hexStart >= 0) {
                    if (digit) {
                        hexDigits++;
                    } else if (c == ':') {
                        hexColons++;
                    } else if (!hex && c != '.') {
                        found.hex(hexStart, i, hexColons, hexDigits);
                        hexStart = -1;
                    }
                } else if (hex || c == ':') {
                    hexStart = i;
                    hexColons = c == ':' ? 1 : 0;
                    hexDigits = digit ? 1 : 0;
                }
            }
            if (digit) {
                if (iban && i >= 3 && isDigit(text.charAt(i - 1))
                        && Ibans.isCountry(text.charAt(i - 3), text.charAt(i - 2))
                        && (i == 3 || !isToken(text.charAt(i - 4)))) {
                    found.ibans = IntList.add(found.ibans, i - 3);
                }
                continue;
            }
            switch (c) {
                case '@' -> {
                    if (email) {
                        found.ats = IntList.add(found.ats, i);
                    }
                }
                case '-' -> {
                    if (pem && found.pemStart < 0 && startsWith(text, i, PrivateKeyBlocks.BEGIN)) {
                        found.pemStart = i;
                    }
                }
                case 's', 'r', 'A', 'g', 'x', 'h' -> {
                    if (apiKey && (i == 0 || !isToken(text.charAt(i - 1)) && text.charAt(i - 1) != '-')
                            && ApiKeys.prefixAt(text, i)) {
                        found.keys = IntList.add(found.keys, i);
                    }
                }
                default -> {
                }
            }
        }
        if (numStart >= 0) {
            found.numeric(numStart, n, numDigits, numDots);
        }
        if (hexStart >= 0) {
            found.hex(hexStart, n, hexColons, hexDigits);
        }
        return found;
    }
}
