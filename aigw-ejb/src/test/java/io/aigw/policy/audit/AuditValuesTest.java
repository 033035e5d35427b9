package io.aigw.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditValuesTest {

    @Test
    void controlCharactersBecomeQuestionMarksAndTabsAndNewlinesStay() {
        assertThat(AuditValues.fit("a\u0000b\u0007c\td\ne\u007f", 100)).isEqualTo("a?b?c\td\ne?");
    }

    @Test
    void longTextIsCutToTheColumnWithoutSplittingASurrogatePair() {
        assertThat(AuditValues.fit("SUBSCRIPTIONS", 10)).isEqualTo("SUBSCRIPTI");
        assertThat(AuditValues.fit("abc\uD83D\uDE00", 4)).isEqualTo("abc");
        assertThat(AuditValues.fit("abc\uD83D\uDE00", 5)).isEqualTo("abc\uD83D\uDE00");
    }

    @Test
    void loneSurrogatesAreReplaced() {
        assertThat(AuditValues.fit("a\uD83Db", 10)).isEqualTo("a?b");
        assertThat(AuditValues.fit("\uDE00b", 10)).isEqualTo("?b");
    }

    @Test
    void untouchedTextIsReturnedAsIsAndNullStaysNull() {
        String s = "openai/gpt-4o-mini";
        assertThat(AuditValues.fit(s, 300)).isSameAs(s);
        assertThat(AuditValues.fit(null, 10)).isNull();
    }

    @Test
    void longNamesStayDistinctWhenFitted() {
        String a = "n".repeat(150) + "-a";
        String b = "n".repeat(150) + "-b";
        assertThat(AuditValues.fitName(a, 100)).hasSize(100).isNotEqualTo(AuditValues.fitName(b, 100));
        assertThat(AuditValues.fitName("node-1", 100)).isEqualTo("node-1");
    }
}
