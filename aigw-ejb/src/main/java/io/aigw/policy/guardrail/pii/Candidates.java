package io.aigw.policy.guardrail.pii;

/**
 * What the {@link CandidatePass} found: the few places of a text where an entity could be at all. The lists stay
 * {@code null} while empty.
 */
final class Candidates {

    /** The fewest digits of a phone number, card or SSN: a run with fewer can only be an IPv4 address. */
    private static final int MIN_DIGITS = PhoneNumbers.MIN_DIGITS;

    /** (start, end, digits, dots) of each run of digits and phone punctuation with enough digits. */
    IntList numeric;
    /** (start, end) of each run of hex digits, colons and dots that may hold an IPv6 address. */
    IntList hex;
    /** The index of each {@code @} sign. */
    IntList ats;
    /** The index of each country code followed by two digits that begins a word. */
    IntList ibans;
    /** The index of each API key prefix that begins a word. */
    IntList keys;
    /** The index of the first {@link PrivateKeyBlocks#BEGIN}, or -1. */
    int pemStart = -1;

    private final boolean ip;

    /**
     * Candidates to be filled in.
     *
     * @param ip whether IP addresses are looked for, so that short dotted runs count as numeric
     */
    Candidates(boolean ip) {
        this.ip = ip;
    }

    /** Notes a run of digits and phone punctuation, if it has enough digits for any numeric entity. */
    void numeric(int start, int end, int digits, int dots) {
        if (digits >= MIN_DIGITS || ip && digits >= IpAddresses.MIN_V4_DIGITS && dots >= IpAddresses.MIN_V4_DOTS) {
            numeric = IntList.add(numeric, start, end, digits, dots);
        }
    }

    /** Notes a run of hex digits, colons and dots, if it could be an IPv6 address. */
    void hex(int start, int end, int colons, int digits) {
        if (colons >= 2 && digits >= 1) {
            hex = IntList.add(hex, start, end);
        }
    }

    /** Whether anything was found at all. */
    boolean any() {
        return numeric != null || hex != null || ats != null || ibans != null || keys != null || pemStart >= 0;
    }
}
