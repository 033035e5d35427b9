package io.aigw.policy.guardrail.pii;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;

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

    private final Set<PiiEntity> entities;
    private final boolean phone;
    private final boolean card;
    private final boolean ip;
    private final boolean privateKey;
    private final boolean ssn;
    private final CandidatePass candidatePass;
    private final StreamHold streamHold;

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
        phone = copy.contains(PiiEntity.PHONE);
        card = copy.contains(PiiEntity.CREDIT_CARD);
        ip = copy.contains(PiiEntity.IP_ADDRESS);
        privateKey = copy.contains(PiiEntity.PRIVATE_KEY);
        ssn = copy.contains(PiiEntity.US_SSN);
        candidatePass = new CandidatePass(copy);
        streamHold = new StreamHold(copy, (text, from) -> findFrom(text, from, false));
    }

    /**
     * The entities this scanner looks for.
     *
     * @return the entities, unmodifiable
     */
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
        return streamHold.holdFrom(text);
    }

    /** The matches that start at or after {@code from} (private keys only when {@code pem}). */
    private List<PiiMatch> findFrom(CharSequence text, int from, boolean pem) {
        if (text.length() <= from || entities.isEmpty()) {
            return List.of();
        }
        Candidates candidates = candidatePass.scan(text, from, pem);
        if (!candidates.any()) {
            return List.of();
        }
        List<PiiMatch> found = new ArrayList<>();
        if (candidates.pemStart >= 0) {
            PrivateKeyBlocks.find(text.toString(), candidates.pemStart, found);
        }
        if (candidates.ats != null) {
            EmailAddresses.find(text, candidates.ats, found);
        }
        if (candidates.numeric != null) {
            findInNumericRuns(text, candidates.numeric, found);
        }
        if (candidates.hex != null) {
            Matcher ipv6s = null;
            for (int k = 0; k < candidates.hex.size; k += 2) {
                ipv6s = IpAddresses.IPV6.findInRegion(ipv6s, text, candidates.hex.values[k],
                        candidates.hex.values[k + 1], found);
            }
        }
        if (candidates.ibans != null) {
            Ibans.DETECTOR.findAt(text, candidates.ibans, found);
        }
        if (candidates.keys != null) {
            ApiKeys.DETECTOR.findAt(text, candidates.keys, found);
        }
        return resolve(found);
    }

    /** Cards, phone numbers, SSNs and IPv4 addresses in each run with enough digits (and dots) for them. */
    private void findInNumericRuns(CharSequence text, IntList runs, List<PiiMatch> found) {
        Matcher cards = null;
        Matcher phones = null;
        Matcher ssns = null;
        Matcher ipv4s = null;
        for (int k = 0; k < runs.size; k += 4) {
            int start = runs.values[k];
            int end = runs.values[k + 1];
            int digits = runs.values[k + 2];
            int dots = runs.values[k + 3];
            if (card && digits >= CardNumbers.MIN_DIGITS) {
                cards = CardNumbers.DETECTOR.findInRegion(cards, text, start, end, found);
            }
            if (phone && digits >= PhoneNumbers.MIN_DIGITS) {
                phones = PhoneNumbers.DETECTOR.findInRegion(phones, text, start, end, found);
            }
            if (ssn && digits >= SocialSecurityNumbers.MIN_DIGITS) {
                ssns = SocialSecurityNumbers.DETECTOR.findInRegion(ssns, text, start, end, found);
            }
            if (ip && digits >= IpAddresses.MIN_V4_DIGITS && dots >= IpAddresses.MIN_V4_DOTS) {
                ipv4s = IpAddresses.IPV4.findInRegion(ipv4s, text, start, end, found);
            }
        }
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
}
