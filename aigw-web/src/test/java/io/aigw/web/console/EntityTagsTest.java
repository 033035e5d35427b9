package io.aigw.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsListsAndTheWildcard() {
        assertThat(EntityTags.matches("\"abc\"", "\"abc\"")).isTrue();
        assertThat(EntityTags.matches("W/\"abc\"", "\"abc\"")).isTrue();
        assertThat(EntityTags.matches("\"x\", \"abc\"", "\"abc\"")).isTrue();
        assertThat(EntityTags.matches("*", "\"abc\"")).isTrue();
        assertThat(EntityTags.matches("\"abc-gz\"", "\"abc\"")).isFalse();
        assertThat(EntityTags.matches("abc", "\"abc\"")).isFalse();
        assertThat(EntityTags.matches(null, "\"abc\"")).isFalse();
    }
}
