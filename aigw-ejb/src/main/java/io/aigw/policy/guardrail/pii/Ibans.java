package io.aigw.policy.guardrail.pii;

import static io.aigw.policy.guardrail.pii.CharClasses.LETTERS;
import static io.aigw.policy.guardrail.pii.CharClasses.NOT_AFTER_TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.NOT_BEFORE_TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.isAsciiLetter;

import java.util.Map;

/**
 * International bank account numbers, with or without spaces: a known country, exactly that country's length, and an
 * ISO 7064 mod 97-10 check sum of 1.
 */
final class Ibans {

    /** The IBAN length of each country (ISO 13616 registry). */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20));

    /** The IBAN countries, indexed by (first letter - 'A') * 26 + (second letter - 'A'). */
    private static final boolean[] COUNTRIES = new boolean[26 * 26];

    static {
        for (String country : LENGTHS.keySet()) {
            COUNTRIES[(country.charAt(0) - 'A') * 26 + country.charAt(1) - 'A'] = true;
        }
    }

    static final Detector DETECTOR = new Detector(PiiEntity.IBAN,
            NOT_AFTER_TOKEN + "[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?" + NOT_BEFORE_TOKEN,
            43, LETTERS, Ibans::valid);

    private Ibans() {
    }

    /** Whether two characters, in either case, are the code of a country that has IBANs. */
    static boolean isCountry(char first, char second) {
        return isAsciiLetter(first) && isAsciiLetter(second)
                && COUNTRIES[(Character.toUpperCase(first) - 'A') * 26 + Character.toUpperCase(second) - 'A'];
    }

    private static boolean valid(CharSequence text, int start, int end) {
        StringBuilder iban = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                iban.append(Character.toUpperCase(c));
            }
        }
        Integer length = LENGTHS.get(iban.substring(0, 2));
        if (length == null || length != iban.length()) {
            return false;
        }
        // ISO 7064 mod 97-10 over BBAN + country + check digits, letters as 10..35
        int rest = 0;
        for (int k = 0; k < iban.length(); k++) {
            char c = iban.charAt((k + 4) % iban.length());
            rest = c <= '9' ? (rest * 10 + (c - '0')) % 97 : (rest * 100 + (c - 'A' + 10)) % 97;
        }
        return rest == 1;
    }
}
