package io.aigw.web.anthropic;

import io.aigw.codec.anthropic.AnthropicErrors;
import io.aigw.codec.json.JsonText;
import io.aigw.policy.GatewayException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error responses in Anthropic's envelope, with {@code Retry-After} and {@code x-should-retry} set deliberately. */
public final class AnthropicErrorResponses {

    private AnthropicErrorResponses() {
    }

    public static Response of(GatewayException e, String requestId) {
        int status = e.problem().status();
        Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonText.write(AnthropicErrors.encode(AnthropicErrors.typeFor(status), e.getMessage())))
                .header("x-should-retry", Boolean.toString(e.problem().shouldRetry()));
        if (e.retryAfter() != null) {
            b.header("Retry-After", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        if (requestId != null) {
            b.header("x-request-id", requestId).header("request-id", requestId);
        }
        return b.build();
    }
}
