package io.aigw.web.openai;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.RequestBody;
import io.aigw.web.http.BoundedBody;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.function.Function;

/** Request bodies read lazily (when the chain asks, after authentication) and decoded with an OpenAI codec. */
final class OpenAiBodies {

    private OpenAiBodies() {
    }

    /**
     * @param sink receives the parsed JSON too (for presentation choices such as {@code encoding_format}); may be
     *             {@code null}
     */
    static <T> RequestBody<T> of(InputStream in, long declaredLength, long limit, Function<JsonObject, T> decoder,
                                 java.util.function.Consumer<JsonObject> sink) {
        return () -> {
            byte[] bytes = BoundedBody.read(in, declaredLength, limit);
            try {
                JsonObject json = JsonText.parseObject(bytes);
                T decoded = decoder.apply(json);
                if (sink != null) {
                    sink.accept(json);
                }
                return decoded;
            } catch (InvalidMessageException e) {
                throw new GatewayException(Problem.INVALID_REQUEST, e.getMessage(), e.param(), null, e);
            }
        };
    }
}
