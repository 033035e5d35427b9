package io.aigw.policy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.route.FailureClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The class of a failed attempt, from the gateway exception the provider failure became: what moves a route on, and
 * the upstream 400s that another target may answer (a longer context) in each provider's own words.
 */
class FailureClassifierTest {

    private static final String REJECTED = "The upstream of connection 'openai' rejected the request: ";

    @Test
    void eachProviderFailureKindHasItsClass() {
        assertThat(classify(Kind.RATE_LIMITED, "The upstream of connection 'openai' is rate limiting requests."))
                .isEqualTo(FailureClass.RATE_LIMIT);
        assertThat(classify(Kind.UPSTREAM_ERROR, "The upstream of connection 'openai' failed (HTTP 500)."))
                .isEqualTo(FailureClass.SERVER_ERROR);
        assertThat(classify(Kind.BAD_RESPONSE, "The upstream of connection 'openai' sent an unreadable answer."))
                .isEqualTo(FailureClass.SERVER_ERROR);
        assertThat(classify(Kind.UNREACHABLE, "The upstream of connection 'openai' cannot be reached."))
                .isEqualTo(FailureClass.UNAVAILABLE);
        assertThat(classify(Kind.TIMEOUT, "The upstream of connection 'openai' did not answer in time."))
                .isEqualTo(FailureClass.TIMEOUT);
        assertThat(classify(Kind.AUTHENTICATION, "The upstream of connection 'openai' rejected the gateway's "
                + "credentials (HTTP 401).")).isEqualTo(FailureClass.UNAVAILABLE);
        assertThat(classify(Kind.NOT_FOUND, "The upstream of connection 'openai' does not know the requested model "
                + "or resource.")).isEqualTo(FailureClass.UNAVAILABLE);
        assertThat(classify(Kind.UNSUPPORTED, "The connection 'openai' does not serve chat."))
                .isEqualTo(FailureClass.UNAVAILABLE);
        assertThat(classify(Kind.NOT_CONFIGURED, "The connection 'openai' has no credentials."))
                .isEqualTo(FailureClass.UNAVAILABLE);
        assertThat(classify(Kind.BAD_REQUEST, REJECTED + "Invalid value for 'temperature': expected a number "
                + "between 0 and 2.")).isNull();
    }

    @Test
    void eachProblemMapsAsTheRouterNeedsIt() {
        assertThat(FailureClassifier.classify(gateway(Problem.RATE_LIMITED, "Slow down.", null)))
                .isEqualTo(FailureClass.RATE_LIMIT);
        assertThat(FailureClassifier.classify(gateway(Problem.PROVIDER_FAILED, "Failed.",
                new ProviderException(Kind.UNREACHABLE, "cannot be reached")))).isEqualTo(FailureClass.UNAVAILABLE);
        assertThat(FailureClassifier.classify(gateway(Problem.PROVIDER_FAILED, "Failed.",
                new ProviderException(Kind.UPSTREAM_ERROR, "failed (HTTP 503)")))).isEqualTo(FailureClass.SERVER_ERROR);
        assertThat(FailureClassifier.classify(gateway(Problem.PROVIDER_FAILED, "Failed.", null)))
                .isEqualTo(FailureClass.SERVER_ERROR);
        assertThat(FailureClassifier.classify(gateway(Problem.PROVIDER_TIMEOUT, "Too slow.", null)))
                .isEqualTo(FailureClass.TIMEOUT);
        for (Problem p : new Problem[] {Problem.POOL_EXHAUSTED, Problem.CONNECTION_NOT_CONFIGURED,
                Problem.PROVIDER_AUTHENTICATION, Problem.UNKNOWN_MODEL, Problem.UNSUPPORTED_BY_MODEL,
                Problem.NO_TARGET_AVAILABLE}) {
            assertThat(FailureClassifier.classify(gateway(p, "Not now.", null))).as(p.name())
                    .isEqualTo(FailureClass.UNAVAILABLE);
        }
        for (Problem p : new Problem[] {Problem.CONCURRENCY_LIMITED, Problem.BUDGET_EXHAUSTED, Problem.FORBIDDEN,
                Problem.PAYLOAD_TOO_LARGE, Problem.INTERNAL}) {
            assertThat(FailureClassifier.classify(gateway(p, "No.", null))).as(p.name()).isNull();
        }
    }

    @Test
    void theGatewaysOwnValidationIsTheClientsErrorWhateverItSays() {
        assertThat(FailureClassifier.classify(gateway(Problem.INVALID_REQUEST,
                "This model's maximum context length is 128000 tokens.", null))).isNull();
        assertThat(FailureClassifier.classify(gateway(Problem.INVALID_REQUEST, "'messages' must be an array.",
                new IllegalArgumentException("not a provider failure")))).isNull();
    }

    @Test
    void anUpstreamContextLengthRefusalIsRecognisedInEachProvidersWords() {
        assertThat(classify(Kind.BAD_REQUEST, REJECTED + "This model's maximum context length is 128000 tokens. "
                + "However, your messages resulted in 130512 tokens. Please reduce the length of the messages."))
                .isEqualTo(FailureClass.CONTEXT_LENGTH);
        assertThat(classify(Kind.BAD_REQUEST, "The upstream of connection 'anthropic' rejected the request: prompt "
                + "is too long: 210000 tokens > 200000 maximum")).isEqualTo(FailureClass.CONTEXT_LENGTH);
        assertThat(classify(Kind.BAD_REQUEST, "The upstream of connection 'gemini' rejected the request: The input "
                + "token count (1200000) exceeds the maximum number of tokens allowed (1048576)."))
                .isEqualTo(FailureClass.CONTEXT_LENGTH);
        assertThat(classify(Kind.BAD_REQUEST, "The upstream of connection 'bedrock' rejected the request "
                + "(ValidationException): Input is too long for requested model."))
                .isEqualTo(FailureClass.CONTEXT_LENGTH);
        assertThat(classify(Kind.BAD_REQUEST, REJECTED + "Your input exceeds the context window of this model. "
                + "Please adjust your input and try again.")).isEqualTo(FailureClass.CONTEXT_LENGTH);
    }

    @Test
    void anthropicsInputPlusMaxTokensRefusalIsAContextLengthFailureToo() {
        assertThat(classify(Kind.BAD_REQUEST, "The upstream of connection 'anthropic' rejected the request: input "
                + "length and `max_tokens` exceed context limit: 178959 + 64000 > 200000, decrease input length or "
                + "`max_tokens` and try again")).isEqualTo(FailureClass.CONTEXT_LENGTH);
    }

    @Test
    void anUpstreamContentPolicyRefusalIsAContentFilterFailure() {
        assertThat(classify(Kind.BAD_REQUEST, "The upstream of connection 'azure' rejected the request: The response "
                + "was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify "
                + "your prompt and retry.")).isEqualTo(FailureClass.CONTENT_FILTER);
        assertThat(classify(Kind.BAD_REQUEST, REJECTED + "Your request was rejected as a result of our safety "
                + "system.")).isEqualTo(FailureClass.CONTENT_FILTER);
    }

    @Test
    void anOrdinaryUpstream400IsTheClientsError() {
        assertThat(classify(Kind.BAD_REQUEST, "The upstream of connection 'openai' rejected the request.")).isNull();
        assertThat(classify(Kind.BAD_REQUEST, REJECTED + "Unrecognized request argument supplied: foo")).isNull();
        assertThat(classify(Kind.BAD_REQUEST, "The upstream of connection 'anthropic' rejected the request: "
                + "messages: roles must alternate between \"user\" and \"assistant\"")).isNull();
    }

    @Test
    void theUpstreamRetryAfterIsReadFromTheProviderFailure() {
        GatewayException limited = ProviderFailures.map(new ProviderException(Kind.RATE_LIMITED, "limited", 429,
                Duration.ofSeconds(7), null));
        assertThat(FailureClassifier.upstreamRetryAfter(limited)).isEqualTo(Duration.ofSeconds(7));
        assertThat(FailureClassifier.upstreamRetryAfter(gateway(Problem.RATE_LIMITED, "Slow down.", null))).isNull();
    }

    /** As the router sees it: the adapter's exception mapped for the client. */
    private static FailureClass classify(Kind kind, String message) {
        return FailureClassifier.classify(ProviderFailures.map(new ProviderException(kind, message,
                kind == Kind.BAD_REQUEST ? 400 : 0, null, null)));
    }

    private static GatewayException gateway(Problem problem, String message, Throwable cause) {
        return new GatewayException(problem, message, null, null, cause);
    }
}
