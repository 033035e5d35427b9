package io.aigw.policy.guardrail.pii;

import static io.aigw.policy.guardrail.pii.CharClasses.isToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * How much of a streamed text to hold back: the shortest tail that more text could turn into (part of) a match.
 * Immutable and thread-safe.
 */
final class StreamHold {

    /** The complete matches of a text that start at or after an index, private keys left out. */
    @FunctionalInterface
    interface CompleteMatches {
        List<PiiMatch> from(CharSequence text, int from);
    }

    /** The pattern-based detectors of the entities asked for, in the order they are tried. */
    private final Detector[] detectors;
    /** The longest match of any of them: a tail longer than that cannot still become one match. */
    private final int window;
    private final boolean privateKey;
    private final CompleteMatches completeMatches;

    /**
     * The hold for the given entities.
     *
     * @param entities        what is looked for
     * @param completeMatches finds the matches that a candidate for holding may lie inside
     */
    StreamHold(Set<PiiEntity> entities, CompleteMatches completeMatches) {
        List<Detector> hold = new ArrayList<>();
        for (Detector d : new Detector[] {EmailAddresses.DETECTOR, PhoneNumbers.DETECTOR, CardNumbers.DETECTOR,
            Ibans.DETECTOR, IpAddresses.IPV4, IpAddresses.IPV6, ApiKeys.DETECTOR, SocialSecurityNumbers.DETECTOR,
            SocialSecurityNumbers.LEAD}) {
            if (entities.contains(d.entity)) {
                hold.add(d);
            }
        }
        detectors = hold.toArray(new Detector[0]);
        window = hold.stream().mapToInt(d -> d.maxLength).max().orElse(0);
        privateKey = entities.contains(PiiEntity.PRIVATE_KEY);
        this.completeMatches = completeMatches;
    }

    /**
     * The smallest index from which the text to its end could still become (part of) a match; see
     * {@link PiiScanner#holdFrom}.
     *
     * @param text the text received so far (and not yet released)
     * @return the index to hold from, {@code text.length()} when nothing needs holding
     */
    int holdFrom(CharSequence text) {
        int n = text.length();
        int from = Math.max(0, n - window);
        int floor = 0;
        int limit = n;
        if (privateKey) {
            PrivateKeyBlocks.StreamState state = PrivateKeyBlocks.streamState(text.toString());
            // a header still arriving or a block without its END line yet: at least that is held
            limit = state.openStart();
            // a match starting inside a complete key block would lose to the block
            floor = state.closedEnd();
            from = Math.max(from, floor);
        }
        if (detectors.length == 0 || from >= limit) {
            return limit;
        }
        // a candidate inside a complete match that starts before it loses to that match: it need not be held
        // (twice the longest match: a match starting before the tail may still cover part of it)
        List<PiiMatch> complete = completeMatches.from(text, Math.max(floor, n - 2 * window));
        int next = 0;
        Matcher[] matchers = new Matcher[detectors.length];
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
            for (int k = 0; k < detectors.length; k++) {
                Detector d = detectors[k];
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
}
