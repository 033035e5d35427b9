package io.aigw.policy.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeldTextTest {

    @Test
    void theWaitIsThatOfTheOldestCharacterStillHeld() {
        HeldText held = new HeldText();
        held.append("xxabc", 2, 5, 100);
        held.append("def", 0, 3, 110);
        assertThat(held.text().toString()).isEqualTo("abcdef");
        assertThat(held.oldestWait(130)).isEqualTo(30);
        assertThat(held.take(4)).isEqualTo("abcd");
        assertThat(held.oldestWait(130)).as("'ef' arrived at 110").isEqualTo(20);
        assertThat(held.take(2)).isEqualTo("ef");
        assertThat(held.length()).isZero();
        assertThat(held.oldestWait(130)).isZero();
    }
}
