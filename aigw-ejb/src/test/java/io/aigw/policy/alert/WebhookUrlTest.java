package io.aigw.policy.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.policy.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Webhook URLs: https to public addresses; loopback, private, link-local and other internal addresses refused unless
 * {@code aigw.alerts.allow-private-networks}; never credentials or a fragment; the query never shown.
 */
class WebhookUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "http://localhost:9596/hook", "https://10.1.2.3/hook",
        "https://172.16.0.9/hook", "https://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data",
        "https://[::1]/hook", "https://[fd00::1]/hook", "https://[::ffff:10.0.0.1]/hook", "https://100.64.0.1/hook",
        "https://0.0.0.0/hook"})
    void internalAddressesAreRefusedUnlessAllowed(String url) {
        assertThatThrownBy(() -> WebhookUrl.parse(url, false)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.param()).isEqualTo("webhook_url");
            assertThat(e.getMessage()).startsWith("'webhook_url' points at a private, loopback or link-local address")
                    .endsWith("the gateway sends webhooks to public addresses only unless "
                            + "aigw.alerts.allow-private-networks is true.");
        });
        assertThat(WebhookUrl.parse(url, true).full()).isEqualTo(url);
    }

    @Test
    void aPublicAddressNeedsHttps() {
        assertThat(WebhookUrl.parse("https://93.184.216.34/hooks/aigw", false).redacted())
                .isEqualTo("https://93.184.216.34/hooks/aigw");
        assertThatThrownBy(() -> WebhookUrl.parse("http://93.184.216.34/hooks/aigw", true))
                .hasMessage("'webhook_url' must be an https URL: plain http is accepted only for receivers on private "
                        + "networks (with aigw.alerts.allow-private-networks).");
    }

    @Test
    void malformedUrlsCredentialsAndFragmentsAreRefused() {
        assertThatThrownBy(() -> WebhookUrl.parse(null, true)).hasMessage("Missing required field 'webhook_url'.");
        assertThatThrownBy(() -> WebhookUrl.parse("ftp://93.184.216.34/x", true))
                .hasMessage("'webhook_url' must be an absolute http(s) URL with a host.");
        assertThatThrownBy(() -> WebhookUrl.parse("/relative", true))
                .hasMessage("'webhook_url' must be an absolute http(s) URL with a host.");
        assertThatThrownBy(() -> WebhookUrl.parse("https://a b/", true))
                .hasMessage("'webhook_url' must be an absolute http(s) URL with a host.");
        assertThatThrownBy(() -> WebhookUrl.parse("https://user:pw@93.184.216.34/x", true))
                .hasMessage("'webhook_url' must not carry user information: the webhook signature authenticates the "
                        + "gateway.");
        assertThatThrownBy(() -> WebhookUrl.parse("https://93.184.216.34/x#frag", true))
                .hasMessage("'webhook_url' must not have a fragment.");
        assertThatThrownBy(() -> WebhookUrl.parse("https://no-such-host.invalid/x", true))
                .hasMessage("The host of 'webhook_url' ('no-such-host.invalid') does not resolve.");
    }

    @Test
    void theQueryIsSentButNeverShown() {
        WebhookUrl url = WebhookUrl.parse("http://127.0.0.1:9596/hook?token=s3cret", true);
        assertThat(url.full()).isEqualTo("http://127.0.0.1:9596/hook?token=s3cret");
        assertThat(url.redacted()).isEqualTo("http://127.0.0.1:9596/hook?redacted");
        assertThat(url.target()).isEqualTo("/hook?token=s3cret");
        assertThat(WebhookUrl.redactedOf("https://93.184.216.34")).isEqualTo("https://93.184.216.34/");
    }
}
