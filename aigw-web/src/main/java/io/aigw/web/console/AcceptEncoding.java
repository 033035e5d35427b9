package io.aigw.web.console;

import java.util.Locale;

/** Whether an {@code Accept-Encoding} header lets the response be gzipped (RFC 9110 12.5.3: {@code q=0} refuses). */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    static boolean allowsGzip(String header) {
        if (header == null) {
            return false;
        }
        Boolean star = null;
        for (String part : header.split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            boolean refused = refused(pieces);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return !refused;
            }
            if (coding.equals("*")) {
                star = !refused;
            }
        }
        return Boolean.TRUE.equals(star);
    }

    private static boolean refused(String[] pieces) {
        for (int i = 1; i < pieces.length; i++) {
            String p = pieces[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2).trim()) <= 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
