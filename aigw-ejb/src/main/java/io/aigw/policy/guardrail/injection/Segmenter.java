package io.aigw.policy.guardrail.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a normalised text into the {@link Segment}s that are embedded: a text of up to {@value #WHOLE_TEXT_CHARS}
 * characters is one segment; a longer one is cut at sentence ends and line breaks, a sentence shorter than
 * {@value #MIN_SEGMENT_CHARS} characters is merged with the next (the last with the one before), and a segment longer
 * than {@value #MAX_SEGMENT_CHARS} characters is cut at a space.
 */
final class Segmenter {

    static final int WHOLE_TEXT_CHARS = 400;
    static final int MAX_SEGMENT_CHARS = 400;
    static final int MIN_SEGMENT_CHARS = 30;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;。！？])\\s+|\\n+");

    private Segmenter() {
    }

    /** The segments of {@code text}, in order. */
    static List<Segment> segment(String text) {
        List<Segment> out = new ArrayList<>();
        if (text.strip().length() <= WHOLE_TEXT_CHARS) {
            out.add(new Segment(0, text.length(), text.strip()));
            return out;
        }
        List<int[]> pieces = new ArrayList<>();
        Matcher m = SENTENCE_END.matcher(text);
        int from = 0;
        while (m.find()) {
            if (m.start() > from) {
                pieces.add(new int[] {from, m.start()});
            }
            from = m.end();
        }
        if (from < text.length()) {
            pieces.add(new int[] {from, text.length()});
        }
        int curStart = -1;
        int curEnd = -1;
        for (int[] p : pieces) {
            if (curStart < 0) {
                curStart = p[0];
            }
            curEnd = p[1];
            if (curEnd - curStart >= MIN_SEGMENT_CHARS) {
                addCut(out, text, curStart, curEnd);
                curStart = -1;
            }
        }
        if (curStart >= 0) {
            if (!out.isEmpty() && curEnd - curStart < MIN_SEGMENT_CHARS) {
                Segment last = out.remove(out.size() - 1);
                addCut(out, text, last.start(), curEnd);
            } else {
                addCut(out, text, curStart, curEnd);
            }
        }
        return out;
    }

    /** Adds {@code text[start, end)} to {@code out}, cut into pieces of at most {@value #MAX_SEGMENT_CHARS} chars. */
    private static void addCut(List<Segment> out, String text, int start, int end) {
        while (end - start > MAX_SEGMENT_CHARS) {
            int cut = text.lastIndexOf(' ', start + MAX_SEGMENT_CHARS);
            if (cut <= start + MAX_SEGMENT_CHARS / 2) {
                cut = start + MAX_SEGMENT_CHARS;
            }
            out.add(new Segment(start, cut, text.substring(start, cut).strip()));
            start = cut;
        }
        String t = text.substring(start, end).strip();
        if (!t.isEmpty()) {
            out.add(new Segment(start, end, t));
        }
    }
}
