package io.aigw.web.console;

/** {@code If-None-Match} against an entity tag: weak comparison, as RFC 9110 13.1.2 asks for GET. */
final class EntityTags {

    private EntityTags() {
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String wanted = opaque(etag);
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || opaque(t).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
