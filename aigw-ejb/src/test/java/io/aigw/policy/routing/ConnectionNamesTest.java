package io.aigw.policy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionNamesTest {

    private static final List<String> STANDARD = List.of("openai", "anthropic", "local");

    @Test
    void starPutsDeclaredStandardConnectionsFirstThenTheOthersByName() {
        List<String> names = ConnectionNames.expand(List.of("*"), STANDARD,
                () -> List.of("zeta", "local", "azure", "openai"));
        assertThat(names).containsExactly("openai", "local", "azure", "zeta");
    }

    @Test
    void listedNamesKeepTheirPlaceAndStarAddsTheRestWhereItStands() {
        List<String> names = ConnectionNames.expand(List.of("azure", "*", "tiny"), STANDARD,
                () -> List.of("tiny", "azure", "openai", "groq"));
        assertThat(names).containsExactly("azure", "openai", "groq", "tiny");
    }

    @Test
    void anExplicitListIsNeverExpandedAndTheContextIsNotAsked() {
        AtomicInteger asked = new AtomicInteger();
        List<String> names = ConnectionNames.expand(List.of("openai", "tiny", "openai"), STANDARD, () -> {
            asked.incrementAndGet();
            return List.of("groq");
        });
        assertThat(names).containsExactly("openai", "tiny");
        assertThat(asked).hasValue(0);
    }
}
