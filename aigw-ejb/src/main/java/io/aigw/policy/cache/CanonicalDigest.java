package io.aigw.policy.cache;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Feeds a value into a digest in an unambiguous form: every string, number and name length-prefixed and typed,
 * records component by component in declaration order, lists in order with their size, maps sorted by key (so the
 * same JSON object with its keys in another order is the same value). Two different values never feed the same bytes.
 */
final class CanonicalDigest {

    private CanonicalDigest() {
    }

    static void add(MessageDigest digest, Object value) {
        if (value == null) {
            digest.update((byte) 'n');
        } else if (value instanceof CharSequence s) {
            text(digest, 's', s.toString());
        } else if (value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            text(digest, 'v', value.getClass().getSimpleName() + ":" + value);
        } else if (value instanceof Record r) {
            text(digest, 'r', r.getClass().getName());
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                text(digest, 'c', c.getName());
                add(digest, component(r, c));
            }
        } else if (value instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            text(digest, 'm', Integer.toString(sorted.size()));
            sorted.forEach((k, v) -> {
                text(digest, 'k', k);
                add(digest, v);
            });
        } else if (value instanceof Collection<?> list) {
            text(digest, 'l', Integer.toString(list.size()));
            list.forEach(v -> add(digest, v));
        } else {
            text(digest, 'o', value.getClass().getName() + ":" + value);
        }
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    private static void text(MessageDigest digest, char type, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) type);
        digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }
}
