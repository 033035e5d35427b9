package io.aigw.policy.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aValidHeaderIsRead() {
        TraceParent p = TraceParent.parse("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(p).isEqualTo(new TraceParent(TRACE, SPAN, true));
        assertThat(p.header()).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(TraceParent.parse(" 00-" + TRACE + "-" + SPAN + "-00 ").sampled()).isFalse();
        assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-03").sampled()).isTrue();
    }

    @Test
    void malformedHeadersStartANewTrace() {
        assertThat(TraceParent.parse(null)).isNull();
        assertThat(TraceParent.parse("")).isNull();
        assertThat(TraceParent.parse("00-" + "0".repeat(32) + "-" + SPAN + "-01")).isNull();
        assertThat(TraceParent.parse("00-" + TRACE + "-" + "0".repeat(16) + "-01")).isNull();
        assertThat(TraceParent.parse("00-" + TRACE.toUpperCase() + "-" + SPAN + "-01")).isNull();
        assertThat(TraceParent.parse("ff-" + TRACE + "-" + SPAN + "-01")).isNull();
        assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-01-extra")).isNull();
        assertThat(TraceParent.parse("00_" + TRACE + "-" + SPAN + "-01")).isNull();
        assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-0g")).isNull();
    }

    @Test
    void aLaterVersionIsReadForTheFieldsVersionZeroDefines() {
        assertThat(TraceParent.parse("01-" + TRACE + "-" + SPAN + "-01-what-comes-next"))
                .isEqualTo(new TraceParent(TRACE, SPAN, true));
        assertThat(TraceParent.parse("01-" + TRACE + "-" + SPAN + "-01x")).isNull();
    }

    @Test
    void newIdsAreLowercaseHexAndNeverZero() {
        for (int i = 0; i < 1000; i++) {
            assertThat(TraceParent.newTraceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
            assertThat(TraceParent.newSpanId()).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
        }
    }
}
