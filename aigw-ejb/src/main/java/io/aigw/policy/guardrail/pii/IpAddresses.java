package io.aigw.policy.guardrail.pii;

import static io.aigw.policy.guardrail.pii.CharClasses.DIGITS;
import static io.aigw.policy.guardrail.pii.CharClasses.HEX;
import static io.aigw.policy.guardrail.pii.CharClasses.NOT_AFTER_TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.NOT_BEFORE_TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.isDigit;
import static io.aigw.policy.guardrail.pii.CharClasses.isHex;

/**
 * IP addresses: IPv4 with octets of at most 255 (not part of a longer dotted number), and IPv6 in full, compressed
 * ({@code ::}) or IPv4-mapped form with at least one decimal digit, so that {@code std::vector} or {@code de::ad} are
 * left alone.
 */
final class IpAddresses {

    /** The fewest digits of a run that may hold an IPv4 address. */
    static final int MIN_V4_DIGITS = 4;
    /** The fewest dots of a run that may hold an IPv4 address. */
    static final int MIN_V4_DOTS = 3;

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    static final Detector IPV4 = new Detector(PiiEntity.IP_ADDRESS,
            NOT_AFTER_TOKEN + "(?<!\\d\\.)" + OCTET + "(?:\\." + OCTET + "){3}" + NOT_BEFORE_TOKEN + "(?!\\.\\d)",
            15, DIGITS, (text, start, end) -> true);

    static final Detector IPV6 = new Detector(PiiEntity.IP_ADDRESS,
            "(?<![" + TOKEN + ".])(?<![0-9A-Fa-f:]:)"
                    + "[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?:\\.\\d{1,3}){3})?"
                    + NOT_BEFORE_TOKEN + "(?!\\.\\d)(?!:[0-9A-Fa-f:])",
            51, HEX + ":", IpAddresses::validIpv6);

    private IpAddresses() {
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
}
