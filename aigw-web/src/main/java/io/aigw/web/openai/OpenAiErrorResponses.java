package io.aigw.web.openai;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiErrors;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error responses in the OpenAI envelope, with {@code Retry-After} and {@code x-should-retry} set deliberately. */
public final class OpenAiErrorResponses {

    private OpenAiErrorResponses() {
    }

    /** The envelope JSON of a failure. */
    public static JsonObject envelope(GatewayException e) {
        Problem p = e.problem();
        return OpenAiErrors.encode(e.getMessage(), p.type(), e.param(), p.code());
    }

    public static Response of(GatewayException e, String requestId) {
        Response.ResponseBuilder b = Response.status(e.problem().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonText.write(envelope(e)))
                .header("x-should-retry", Boolean.toString(e.problem().shouldRetry()));
        if (e.retryAfter() != null) {
            b.header("Retry-After", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
            b.header("retry-after-ms", Long.toString(e.retryAfter().toMillis()));
        }
        if (requestId != null) {
            b.header("x-request-id", requestId);
        }
        return b.build();
    }
}
