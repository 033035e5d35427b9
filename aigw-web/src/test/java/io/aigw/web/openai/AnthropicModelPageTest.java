package io.aigw.web.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Anthropic's model-list paging, which SDK auto-pagers follow until a page says there is no more. */
class AnthropicModelPageTest {

    private static final List<String> IDS = IntStream.range(0, 45).mapToObj(i -> "m" + i).toList();

    @Test
    void pagesForwardTwentyAtATimeUntilNothingIsLeft() {
        AnthropicModelPage first = AnthropicModelPage.of(IDS, null, null, null);
        assertThat(first).isEqualTo(new AnthropicModelPage(0, 20, true));
        AnthropicModelPage second = AnthropicModelPage.of(IDS, "m19", null, null);
        assertThat(second).isEqualTo(new AnthropicModelPage(20, 40, true));
        AnthropicModelPage last = AnthropicModelPage.of(IDS, "m39", null, null);
        assertThat(last).isEqualTo(new AnthropicModelPage(40, 45, false));
        assertThat(AnthropicModelPage.of(IDS, "m44", null, null)).isEqualTo(new AnthropicModelPage(45, 45, false));
    }

    @Test
    void pagesBackwardFromBeforeId() {
        assertThat(AnthropicModelPage.of(IDS, null, "m30", "10")).isEqualTo(new AnthropicModelPage(20, 30, true));
        assertThat(AnthropicModelPage.of(IDS, null, "m5", "10")).isEqualTo(new AnthropicModelPage(0, 5, false));
    }

    @Test
    void anUnknownCursorEndsThePaging() {
        assertThat(AnthropicModelPage.of(IDS, "gone", null, null)).isEqualTo(new AnthropicModelPage(0, 0, false));
        assertThat(AnthropicModelPage.of(IDS, null, "gone", null)).isEqualTo(new AnthropicModelPage(0, 0, false));
    }

    @Test
    void aLimitOutsideOneToAThousandOrTwoCursorsAreInvalid() {
        for (String limit : List.of("0", "1001", "ten", "-3")) {
            GatewayException e = catchThrowableOfType(() -> AnthropicModelPage.of(IDS, null, null, limit),
                    GatewayException.class);
            assertThat(e).as(limit).isNotNull();
            assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST);
            assertThat(e.param()).isEqualTo("limit");
        }
        assertThat(catchThrowableOfType(() -> AnthropicModelPage.of(IDS, "m1", "m9", null), GatewayException.class))
                .isNotNull();
        assertThat(AnthropicModelPage.of(IDS, null, null, "1000")).isEqualTo(new AnthropicModelPage(0, 45, false));
    }
}
