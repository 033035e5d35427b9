package io.aigw.policy.guardrail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal and secret data (e-mail addresses, phone numbers, payment cards, IBANs, IP addresses, API keys,
 * private keys, US social security numbers) in text, for the guardrails that block or redact it.
 *
 * <p>Each entity is a precompiled pattern plus a validator (Luhn and issuer prefix for cards, mod-97 and the
 * per-country length for IBANs, the octet ranges for IPv4, ...) so that look-alikes such as dates, version numbers,
 * order numbers or {@code sk-learn} do not match. One cheap pass over the text first collects the few places where an
 * entity could be at all (digit clusters, {@code @} signs, key prefixes, ...); the patterns only run there, so text
 * without candidates costs a single pass over its characters. A match never starts or ends inside a longer word.
 *
 * <p>Immutable and thread-safe.
 */
public final class PiiScanner {

    /** The characters a word is made of: a match never starts right after nor ends right before one. */
    private static final String TOKEN = "\\p{L}\\p{Nd}_";
    private static final String NOT_AFTER_TOKEN = "(?<![" + TOKEN + "])";
    private static final String NOT_BEFORE_TOKEN = "(?![" + TOKEN + "])";
    /** How many shorter endings of one candidate are tried when its longest form fails validation. */
    private static final int MAX_END_TRIES = 8;

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String HEX = "0123456789ABCDEFabcdef";

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String SSN_CONTEXT = "(?i:ssn|social security(?: number| no\\.?| #)?)";
    /** What may stand between {@link #SSN_CONTEXT} and the nine digits it announces. */
    private static final String SSN_GAP = "[ \\t:#=.-]{1,3}(?:(?i:is)[ \\t:]{1,3})?";

    private static final Detector EMAIL = new Detector(PiiEntity.EMAIL,
            "(?<![" + TOKEN + "%+-])[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}(?![" + TOKEN + "@-])",
            254, LETTERS + DIGITS + "_%+-", PiiScanner::validEmail);

    private static final Detector PHONE = new Detector(PiiEntity.PHONE,
            "(?<![" + TOKEN + "+])(?:"
                    // E.164 and international forms: +44 20 7946 0958, +1 (415) 555-0100, +14155550100
                    + "\\+\\d+(?:[ .-]?\\(\\d{1,4}\\)[ .-]?\\d+)?(?:[ .-]\\d+)*"
                    // the others do not continue a longer number: not 12-415-555-0100, 5 020 7946 0958
                    + "|(?<!\\d[-. ])(?:"
                    // North American: (415) 555-0100, 415-555-0100, 415.555.0100, 1-800-555-0199
                    + "(?:1[ .-])?(?:\\(\\d{3}\\) ?\\d{3}[-. ]\\d{4}|\\d{3}([-. ])\\d{3}\\1\\d{4})"
                    // national forms with a trunk prefix, space separated: 020 7946 0958, 01 23 45 67 89
                    + "|0\\d{1,4}(?: \\d{2,4}){2,4}))"
                    + NOT_BEFORE_TOKEN + "(?![-.]\\d)",
            40, DIGITS + "+(", PiiScanner::validPhone);

    private static final Detector CARD = new Detector(PiiEntity.CREDIT_CARD,
            // issuers' numbers start with 2 to 6
            NOT_AFTER_TOKEN + "(?<!\\d[.,])(?=[2-6])(?:\\d{13,19}"
                    + "|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{1,4}(?:\\1\\d{1,3})?"
                    + "|\\d{4}([ -])\\d{6}\\2\\d{4,5})"
                    + NOT_BEFORE_TOKEN + "(?![.,]\\d)",
            23, "23456", PiiScanner::validCard);

    private static final Detector IBAN = new Detector(PiiEntity.IBAN,
            NOT_AFTER_TOKEN + "[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?" + NOT_BEFORE_TOKEN,
            43, LETTERS, PiiScanner::validIban);

    private static final Detector IPV4 = new Detector(PiiEntity.IP_ADDRESS,
            NOT_AFTER_TOKEN + "(?<!\\d\\.)" + OCTET + "(?:\\." + OCTET + "){3}" + NOT_BEFORE_TOKEN + "(?!\\.\\d)",
            15, DIGITS, (text, start, end) -> true);

    private static final Detector IPV6 = new Detector(PiiEntity.IP_ADDRESS,
            "(?<![" + TOKEN + ".])(?<![0-9A-Fa-f:]:)"
                    + "[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?:\\.\\d{1,3}){3})?"
                    + NOT_BEFORE_TOKEN + "(?!\\.\\d)(?!:[0-9A-Fa-f:])",
            51, HEX + ":", PiiScanner::validIpv6);

    private static final Detector API_KEY = new Detector(PiiEntity.API_KEY,
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
            266, "srAgxh", PiiScanner::validApiKey);

    private static final Detector SSN = new Detector(PiiEntity.US_SSN,
            "(?:" + NOT_AFTER_TOKEN + "(?<!\\d[- ])\\d{3}([- ])\\d{2}\\1\\d{4}"
                    // (the cheap look ahead first: the look behind is tried at each length it can have)
                    + "|(?=\\d{9}" + NOT_BEFORE_TOKEN + ")(?<=\\b" + SSN_CONTEXT + SSN_GAP + ")\\d{9})"
                    + NOT_BEFORE_TOKEN + "(?!\\1\\d)",
            11, "012345678", PiiScanner::validSsn);

    /**
     * Only for holding streamed text: the words that introduce a bare nine-digit SSN, so that the context is held
     * together with the digits it announces.
     */
    private static final Detector SSN_LEAD = new Detector(PiiEntity.US_SSN,
            NOT_AFTER_TOKEN + SSN_CONTEXT + "(?:" + SSN_GAP + "\\d{0,9}" + NOT_BEFORE_TOKEN + ")?",
            44, "sS", (text, start, end) -> false);

    private static final Pattern PEM_HEADER =
            Pattern.compile("-----BEGIN (?:(RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----");
    private static final String PEM_BEGIN = "-----BEGIN ";

    /** The IBAN length of each country (ISO 13616 registry). */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
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
    private static final boolean[] IBAN_COUNTRIES = new boolean[26 * 26];

    static {
        for (String country : IBAN_LENGTHS.keySet()) {
            IBAN_COUNTRIES[(country.charAt(0) - 'A') * 26 + country.charAt(1) - 'A'] = true;
        }
    }

    private final Set<PiiEntity> entities;
    private final boolean email;
    private final boolean phone;
    private final boolean card;
    private final boolean iban;
    private final boolean ip;
    private final boolean apiKey;
    private final boolean privateKey;
    private final boolean ssn;
    /** The pattern-based detectors of the entities asked for, as {@link #holdFrom} tries them. */
    private final Detector[] holdDetectors;
    private final int holdWindow;

    /**
     * A scanner for the given entities.
     *
     * @param entities what to look for; copied
     */
    public PiiScanner(Set<PiiEntity> entities) {
        Objects.requireNonNull(entities, "entities");
        EnumSet<PiiEntity> copy = EnumSet.noneOf(PiiEntity.class);
        copy.addAll(entities);
        this.entities = Collections.unmodifiableSet(copy);
        email = copy.contains(PiiEntity.EMAIL);
        phone = copy.contains(PiiEntity.PHONE);
        card = copy.contains(PiiEntity.CREDIT_CARD);
        iban = copy.contains(PiiEntity.IBAN);
        ip = copy.contains(PiiEntity.IP_ADDRESS);
        apiKey = copy.contains(PiiEntity.API_KEY);
        privateKey = copy.contains(PiiEntity.PRIVATE_KEY);
        ssn = copy.contains(PiiEntity.US_SSN);
        List<Detector> hold = new ArrayList<>();
        for (Detector d : new Detector[] {EMAIL, PHONE, CARD, IBAN, IPV4, IPV6, API_KEY, SSN, SSN_LEAD}) {
            if (copy.contains(d.entity)) {
                hold.add(d);
            }
        }
        holdDetectors = hold.toArray(new Detector[0]);
        holdWindow = hold.stream().mapToInt(d -> d.maxLength).max().orElse(0);
    }

    /** The entities this scanner looks for. */
    public Set<PiiEntity> entities() {
        return entities;
    }

    /**
     * Every piece of personal or secret data in a text.
     *
     * @param text the text to scan
     * @return the matches, sorted by start and not overlapping (of two overlapping candidates the one that starts
     *         first, then the longer, wins); empty when there are none
     */
    public List<PiiMatch> find(CharSequence text) {
        Objects.requireNonNull(text, "text");
        return findFrom(text, 0, privateKey);
    }

    /** The matches that start at or after {@code from} (private keys only when {@code pem}). */
    private List<PiiMatch> findFrom(CharSequence text, int from, boolean pem) {
        if (text.length() <= from || entities.isEmpty()) {
            return List.of();
        }
        Hints hints = scan(text, from, pem);
        if (!hints.any()) {
            return List.of();
        }
        List<PiiMatch> found = new ArrayList<>();
        if (hints.pemStart >= 0) {
            findPrivateKeys(text.toString(), hints.pemStart, found);
        }
        if (hints.ats != null) {
            findEmails(text, hints.ats, found);
        }
        if (hints.numeric != null) {
            Matcher cards = null;
            Matcher phones = null;
            Matcher ssns = null;
            Matcher ipv4s = null;
            Ints numeric = hints.numeric;
            for (int k = 0; k < numeric.size; k += 4) {
                int start = numeric.values[k];
                int end = numeric.values[k + 1];
                int digits = numeric.values[k + 2];
                int dots = numeric.values[k + 3];
                if (card && digits >= 13) {
                    cards = scanRegion(CARD, cards, text, start, end, found);
                }
                if (phone && digits >= 7) {
                    phones = scanRegion(PHONE, phones, text, start, end, found);
                }
                if (ssn && digits >= 9) {
                    ssns = scanRegion(SSN, ssns, text, start, end, found);
                }
                if (ip && digits >= 4 && dots >= 3) {
                    ipv4s = scanRegion(IPV4, ipv4s, text, start, end, found);
                }
            }
        }
        if (hints.hex != null) {
            Matcher ipv6s = null;
            for (int k = 0; k < hints.hex.size; k += 2) {
                ipv6s = scanRegion(IPV6, ipv6s, text, hints.hex.values[k], hints.hex.values[k + 1], found);
            }
        }
        if (hints.ibans != null) {
            matchAt(IBAN, text, hints.ibans, found);
        }
        if (hints.keys != null) {
            matchAt(API_KEY, text, hints.keys, found);
        }
        return resolve(found);
    }

    /**
     * Where a streamed text must be held back because its tail may be the beginning of a match that more text would
     * complete: the smallest index from which the text to its end could still become (part of) a match.
     *
     * <p>Only the shortest such tail is held: for {@code "my mail is bob@exa"} the index of {@code bob}, for
     * {@code "call +1 415 55"} the index of {@code +1}; a text that ends in a word may have that word held (it could
     * be the start of an e-mail address or a key). A private key whose header has arrived but whose END line has not
     * is held from its header, however long it is; callers cap how much they hold.
     *
     * @param text the text received so far (and not yet released)
     * @return the index to hold from, {@code text.length()} when nothing needs holding
     */
    public int holdFrom(CharSequence text) {
        Objects.requireNonNull(text, "text");
        int n = text.length();
        int from = Math.max(0, n - holdWindow);
        int floor = 0;
        int limit = n;
        if (privateKey) {
            long state = pemState(text.toString());
            // a header still arriving or a block without its END line yet: at least that is held
            limit = (int) (state >>> 32);
            // a match starting inside a complete key block would lose to the block
            floor = (int) state;
            from = Math.max(from, floor);
        }
        if (holdDetectors.length == 0 || from >= limit) {
            return limit;
        }
        // a candidate inside a complete match that starts before it loses to that match: it need not be held
        // (twice the longest match: a match starting before the tail may still cover part of it)
        List<PiiMatch> complete = findFrom(text, Math.max(floor, n - 2 * holdWindow), false);
        int next = 0;
        Matcher[] matchers = new Matcher[holdDetectors.length];
        for (int p = from; p < limit; p++) {
            if (p > 0 && isToken(text.charAt(p - 1))) {
                continue;
            }
            while (next < complete.size() && complete.get(next).end() <= p) {
                next++;
            }
            if (next < complete.size() && complete.get(next).start() < p) {
                continue;
            }
            char c = text.charAt(p);
            for (int k = 0; k < holdDetectors.length; k++) {
                Detector d = holdDetectors[k];
                if (n - p > d.maxLength || !d.canStart(c)) {
                    continue;
                }
                Matcher m = matchers[k];
                if (m == null) {
                    m = matchers[k] = d.matcher(text);
                }
                m.region(p, n);
                m.lookingAt();
                if (m.hitEnd()) {
                    return p;
                }
            }
        }
        return limit;
    }

    // ---------------------------------------------------------------------------------------------- the cheap pass

    /** One pass over the text that notes where each enabled entity could be. */
    private Hints scan(CharSequence text, int from, boolean pem) {
        Hints h = new Hints();
        int n = text.length();
        boolean numeric = card || phone || ssn || ip;
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
                        h.numeric(numStart, i, numDigits, numDots);
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
                        h.hex(hexStart, i, hexColons, hexDigits);
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
                        && isIbanCountry(text.charAt(i - 3), text.charAt(i - 2))
                        && (i == 3 || !isToken(text.charAt(i - 4)))) {
                    h.ibans = Ints.add(h.ibans, i - 3);
                }
                continue;
            }
            switch (c) {
                case '@' -> {
                    if (email) {
                        h.ats = Ints.add(h.ats, i);
                    }
                }
                case '-' -> {
                    if (pem && h.pemStart < 0 && startsWith(text, i, PEM_BEGIN)) {
                        h.pemStart = i;
                    }
                }
                case 's', 'r', 'A', 'g', 'x', 'h' -> {
                    if (apiKey && (i == 0 || !isToken(text.charAt(i - 1)) && text.charAt(i - 1) != '-')
                            && keyPrefixAt(text, i)) {
                        h.keys = Ints.add(h.keys, i);
                    }
                }
                default -> {
                }
            }
        }
        if (numStart >= 0) {
            h.numeric(numStart, n, numDigits, numDots);
        }
        if (hexStart >= 0) {
            h.hex(hexStart, n, hexColons, hexDigits);
        }
        return h;
    }

    private static boolean keyPrefixAt(CharSequence t, int i) {
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

    /** What the cheap pass found; the lists stay {@code null} while empty. */
    private final class Hints {
        /** (start, end, digits, dots) of each run of digits and phone punctuation with enough digits. */
        Ints numeric;
        /** (start, end) of each run of hex digits, colons and dots that may hold an IPv6 address. */
        Ints hex;
        Ints ats;
        Ints ibans;
        Ints keys;
        int pemStart = -1;

        void numeric(int start, int end, int digits, int dots) {
            if (digits >= 7 || ip && digits >= 4 && dots >= 3) {
                numeric = Ints.add(numeric, start, end, digits, dots);
            }
        }

        void hex(int start, int end, int colons, int digits) {
            if (colons >= 2 && digits >= 1) {
                hex = Ints.add(hex, start, end);
            }
        }

        boolean any() {
            return numeric != null || hex != null || ats != null || ibans != null || keys != null || pemStart >= 0;
        }
    }

    /** A growable list of ints. */
    private static final class Ints {
        int[] values = new int[8];
        int size;

        static Ints add(Ints list, int... vs) {
            Ints l = list == null ? new Ints() : list;
            if (l.size + vs.length > l.values.length) {
                l.values = Arrays.copyOf(l.values, Math.max(l.values.length * 2, l.size + vs.length));
            }
            System.arraycopy(vs, 0, l.values, l.size, vs.length);
            l.size += vs.length;
            return l;
        }
    }

    // ------------------------------------------------------------------------------------------------- matching

    /** Every valid match of a detector inside [start, end) (lookarounds see the text beyond). */
    private static Matcher scanRegion(Detector d, Matcher matcher, CharSequence text, int start, int end,
                                      List<PiiMatch> out) {
        Matcher m = matcher == null ? d.matcher(text) : matcher;
        int from = start;
        while (from < end) {
            m.region(from, end);
            if (!m.find()) {
                break;
            }
            int s = m.start();
            int e = validEnd(d, m, text, s);
            if (e >= 0) {
                out.add(new PiiMatch(d.entity, s, e));
                from = e;
            } else {
                from = s + 1;
            }
        }
        return m;
    }

    /** The valid match of a detector starting exactly at each of the given positions, if any. */
    private static void matchAt(Detector d, CharSequence text, Ints starts, List<PiiMatch> out) {
        Matcher m = d.matcher(text);
        int n = text.length();
        int covered = -1;
        for (int k = 0; k < starts.size; k++) {
            int s = starts.values[k];
            if (s < covered) {
                continue;
            }
            m.region(s, Math.min(n, s + d.maxLength));
            if (m.lookingAt()) {
                int e = validEnd(d, m, text, s);
                if (e >= 0) {
                    out.add(new PiiMatch(d.entity, s, e));
                    covered = e;
                }
            }
        }
    }

    /**
     * The end of the longest valid match starting at {@code s}, given that {@code m} has just matched there: when the
     * longest form fails validation, shorter forms are tried (a card followed by more digit groups, an IBAN followed
     * by a word).
     */
    private static int validEnd(Detector d, Matcher m, CharSequence text, int s) {
        for (int tries = 0; ; tries++) {
            int e = m.end();
            if (e - s <= d.maxLength && d.check.test(text, s, e)) {
                return e;
            }
            if (tries >= MAX_END_TRIES || e - 1 <= s) {
                return -1;
            }
            m.region(s, e - 1);
            if (!m.lookingAt()) {
                return -1;
            }
        }
    }

    private void findEmails(CharSequence text, Ints ats, List<PiiMatch> out) {
        int n = text.length();
        Matcher m = null;
        int regionStart = -1;
        int regionEnd = -1;
        for (int k = 0; k < ats.size; k++) {
            int at = ats.values[k];
            int left = at;
            while (left > 0 && at - left < 64 && isLocalChar(text.charAt(left - 1))) {
                left--;
            }
            int right = at + 1;
            while (right < n && right - at <= 255 && isDomainChar(text.charAt(right))) {
                right++;
            }
            if (regionStart >= 0 && left <= regionEnd) {
                regionEnd = Math.max(regionEnd, right);
                continue;
            }
            if (regionStart >= 0) {
                m = scanRegion(EMAIL, m, text, regionStart, regionEnd, out);
            }
            regionStart = left;
            regionEnd = right;
        }
        if (regionStart >= 0) {
            scanRegion(EMAIL, m, text, regionStart, regionEnd, out);
        }
    }

    /** PEM private key blocks: from the header through the matching END line, or to the end of the text. */
    private static void findPrivateKeys(String text, int first, List<PiiMatch> out) {
        int n = text.length();
        Matcher m = PEM_HEADER.matcher(text);
        int i = first;
        while (i >= 0) {
            m.region(i, n);
            if (m.lookingAt()) {
                int end = pemEnd(text, m.group(1), m.end());
                out.add(new PiiMatch(PiiEntity.PRIVATE_KEY, i, end < 0 ? n : end));
                if (end < 0) {
                    return;
                }
                i = text.indexOf(PEM_BEGIN, end);
            } else {
                i = text.indexOf(PEM_BEGIN, i + 1);
            }
        }
    }

    /** The index just after the END line matching a header's type, searching from {@code from}; -1 if none yet. */
    private static int pemEnd(String text, String type, int from) {
        String marker = "-----END " + (type == null ? "" : type + " ") + "PRIVATE KEY-----";
        int at = text.indexOf(marker, from);
        return at < 0 ? -1 : at + marker.length();
    }

    /**
     * For holding: the start of the first private key block with no END line yet, or of a header still arriving at
     * the tail (high 32 bits; the text length when there is none), and the end of the last complete block (low 32
     * bits; 0 when there is none).
     */
    private static long pemState(String text) {
        int n = text.length();
        int covered = 0;
        Matcher m = PEM_HEADER.matcher(text);
        int i = text.indexOf(PEM_BEGIN);
        while (i >= 0) {
            m.region(i, n);
            if (m.lookingAt()) {
                int end = pemEnd(text, m.group(1), m.end());
                if (end < 0) {
                    return (long) i << 32 | covered;
                }
                covered = end;
                i = text.indexOf(PEM_BEGIN, end);
            } else {
                if (m.hitEnd()) {
                    return (long) i << 32 | covered;
                }
                i = text.indexOf(PEM_BEGIN, i + 1);
            }
        }
        // the beginning of a header, not yet up to "-----BEGIN "
        for (int p = Math.max(covered, n - PEM_BEGIN.length() + 1); p < n; p++) {
            if (text.charAt(p) == '-' && PEM_BEGIN.startsWith(text.substring(p))) {
                return (long) p << 32 | covered;
            }
        }
        return (long) n << 32 | covered;
    }

    /** Sorts the candidates by start (longer first) and drops each that overlaps one kept before it. */
    private static List<PiiMatch> resolve(List<PiiMatch> found) {
        if (found.size() <= 1) {
            return List.copyOf(found);
        }
        found.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
                : Integer.compare(b.end(), a.end()));
        List<PiiMatch> kept = new ArrayList<>(found.size());
        int end = -1;
        for (PiiMatch match : found) {
            if (match.start() >= end) {
                kept.add(match);
                end = match.end();
            }
        }
        return Collections.unmodifiableList(kept);
    }

    // ----------------------------------------------------------------------------------------------- validators

    private static boolean validEmail(CharSequence text, int start, int end) {
        if (end - start > 254) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '@') {
                return i - start <= 64;
            }
        }
        return false;
    }

    private static boolean validPhone(CharSequence text, int start, int end) {
        String digits = digits(text, start, end);
        char first = text.charAt(start);
        if (first == '+') {
            // E.164: at most 15 digits, and no country code starts with 0
            return digits.length() >= 7 && digits.length() <= 15 && digits.charAt(0) != '0';
        }
        if (first == '0') {
            return digits.length() >= 9 && digits.length() <= 11;
        }
        String national = digits;
        if (national.length() == 11 && national.charAt(0) == '1') {
            national = national.substring(1);
        }
        // North American numbering plan: neither area code nor exchange starts with 0 or 1
        return national.length() == 10 && national.charAt(0) >= '2' && national.charAt(3) >= '2';
    }

    private static boolean validCard(CharSequence text, int start, int end) {
        String digits = digits(text, start, end);
        return digits.length() >= 13 && digits.length() <= 19 && luhn(digits) && knownIssuer(digits);
    }

    /** The Luhn check sum of a string of digits. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Whether a card number starts with a known issuer prefix and has a length that issuer uses. */
    private static boolean knownIssuer(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) {
            return len == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15; // American Express
        }
        if (p4 == 6011 || p2 == 65 || p3 >= 644 && p3 <= 649) {
            return len >= 16; // Discover
        }
        if (p2 == 36 || p2 == 38 || p3 >= 300 && p3 <= 305) {
            return len >= 14; // Diners Club
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return len >= 16; // JCB
        }
        return p2 == 62 && len >= 16; // UnionPay
    }

    private static boolean validIban(CharSequence text, int start, int end) {
        StringBuilder iban = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                iban.append(Character.toUpperCase(c));
            }
        }
        Integer length = IBAN_LENGTHS.get(iban.substring(0, 2));
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

    private static boolean validIpv6(CharSequence text, int start, int end) {
        String a = text.subSequence(start, end).toString();
        boolean decimal = false;
        for (int i = 0; i < a.length() && !decimal; i++) {
            decimal = isDigit(a.charAt(i));
        }
        if (!decimal) {
            return false; // "de::ad", "Foo::Bar": words, not addresses
        }
        int gap = a.indexOf("::");
        if (gap < 0) {
            return ipv6Groups(a, true) == 8;
        }
        if (a.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int left = ipv6Groups(a.substring(0, gap), false);
        int right = ipv6Groups(a.substring(gap + 2), true);
        return left >= 0 && right >= 0 && left + right <= 7;
    }

    /** The number of 16-bit groups a colon-separated part of an IPv6 address holds, or -1 if it is malformed. */
    private static int ipv6Groups(String part, boolean ipv4Tail) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] groups = part.split(":", -1);
        int count = 0;
        for (int k = 0; k < groups.length; k++) {
            String g = groups[k];
            if (ipv4Tail && k == groups.length - 1 && g.indexOf('.') >= 0) {
                if (!validIpv4(g)) {
                    return -1;
                }
                count += 2;
            } else if (!g.isEmpty() && g.length() <= 4 && isHex(g)) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static boolean validIpv4(String a) {
        String[] octets = a.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || o.length() > 1 && o.charAt(0) == '0' || !o.chars().allMatch(
                    c -> c >= '0' && c <= '9') || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean validApiKey(CharSequence text, int start, int end) {
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

    private static boolean validSsn(CharSequence text, int start, int end) {
        String d = digits(text, start, end);
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                // numbers published in advertising and widely misused
                && !d.equals("078051120") && !d.equals("219099999");
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static String digits(CharSequence text, int start, int end) {
        StringBuilder d = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                d.append(c);
            }
        }
        return d.toString();
    }

    private static boolean startsWith(CharSequence text, int at, String prefix) {
        if (at + prefix.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (text.charAt(at + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isIbanCountry(char first, char second) {
        return isAsciiLetter(first) && isAsciiLetter(second)
                && IBAN_COUNTRIES[(Character.toUpperCase(first) - 'A') * 26 + Character.toUpperCase(second) - 'A'];
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** A character of a word, as the patterns' {@code [\p{L}\p{Nd}_]}. */
    private static boolean isToken(char c) {
        return c < 128 ? isAsciiLetter(c) || isDigit(c) || c == '_' : Character.isLetterOrDigit(c);
    }

    private static boolean isLocalChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '-';
    }

    /** Validates a candidate range of a text. */
    @FunctionalInterface
    private interface Check {
        boolean test(CharSequence text, int start, int end);
    }

    /** One way an entity is written: a pattern, its longest match, the characters it can start with, a validator. */
    private static final class Detector {
        final PiiEntity entity;
        final Pattern pattern;
        final int maxLength;
        final boolean[] starts = new boolean[128];
        final Check check;

        Detector(PiiEntity entity, String regex, int maxLength, String startChars, Check check) {
            this.entity = entity;
            this.pattern = Pattern.compile(regex);
            this.maxLength = maxLength;
            for (int i = 0; i < startChars.length(); i++) {
                starts[startChars.charAt(i)] = true;
            }
            this.check = check;
        }

        boolean canStart(char c) {
            return c < 128 && starts[c];
        }

        /** A matcher whose lookarounds see past the region it is confined to. */
        Matcher matcher(CharSequence text) {
            return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        }
    }
}
