package io.aigw.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    /** The 48-bit millisecond timestamp: the first 12 hex digits, dash removed. */
    private static long millisOf(String id) {
        return Long.parseLong(id.substring(0, 8) + id.substring(9, 13), 16);
    }

    @Test
    void areUuidVersion7OfTheIetfVariant() {
        for (int i = 0; i < 1000; i++) {
            String id = RequestIds.next();
            UUID uuid = UUID.fromString(id);

            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void carryTheCreationTimeInMilliseconds() {
        long before = System.currentTimeMillis();
        String id = RequestIds.next();
        long after = System.currentTimeMillis();

        assertThat(millisOf(id)).isBetween(before, after);
    }

    @Test
    void sortByCreationTimeAcrossMilliseconds() {
        String first = RequestIds.next();
        String previous = first;
        String later = first;
        // generate until the clock has moved on at least one millisecond (no sleeping: ids are cheap)
        for (int i = 0; i < 50_000_000 && millisOf(later) == millisOf(first); i++) {
            later = RequestIds.next();
            assertThat(later.substring(0, 13)).isGreaterThanOrEqualTo(previous.substring(0, 13));
            previous = later;
        }

        assertThat(millisOf(later)).isGreaterThan(millisOf(first));
        assertThat(later.substring(0, 13)).isGreaterThan(first.substring(0, 13));
        assertThat(later).isGreaterThan(first);
    }

    @Test
    void areUnique() {
        List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> RequestIds.next()).toList();
        Set<String> distinct = new HashSet<>(ids);

        assertThat(distinct).hasSameSizeAs(ids);
    }
}
