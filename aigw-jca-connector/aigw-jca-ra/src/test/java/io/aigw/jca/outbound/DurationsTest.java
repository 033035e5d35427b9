package io.aigw.jca.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void parsesTheSupportedForms() {
        assertThat(Durations.parse("p", "5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("p", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("p", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("p", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("p", "PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("p", "pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("p", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("p", " 10 S ")).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "5 minutes", "1.5s", "PTxS", "s"})
    void rejectsOtherTextNamingTheProperty(String value) {
        assertThatThrownBy(() -> Durations.parse("idleTimeout", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'idleTimeout'")
                .hasMessageContaining("'" + value + "'");
    }
}
