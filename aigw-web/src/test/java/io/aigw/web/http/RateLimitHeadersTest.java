package io.aigw.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    @Test
    void resetDurationsAreWrittenAsOpenAiWritesThem() {
        assertThat(RateLimitHeaders.duration(0)).isEqualTo("0s");
        assertThat(RateLimitHeaders.duration(19_200_000)).isEqualTo("20ms");
        assertThat(RateLimitHeaders.duration(1_000_000_000)).isEqualTo("1s");
        assertThat(RateLimitHeaders.duration(1_500_000_000)).isEqualTo("1.5s");
        assertThat(RateLimitHeaders.duration(360_000_000_000L)).isEqualTo("6m0s");
        assertThat(RateLimitHeaders.duration(3_723_000_000_000L)).isEqualTo("1h2m3s");
        assertThat(RateLimitHeaders.duration(61_250_000_000L)).isEqualTo("1m1.25s");
    }
}
