package io.aigw.web.http;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.RequestBody;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.function.Function;

/**
 * JSON request bodies read lazily (when the chain asks, after authentication), bounded, and decoded with a wire
 * codec; codec failures become 400s naming the offending field.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static <T> RequestBody<T> of(InputStream in, long declaredLength, long limit,
                                        Function<JsonObject, T> decoder) {
        return () -> {
            byte[] bytes = BoundedBody.read(in, declaredLength, limit);
            try {
                return decoder.apply(JsonText.parseObject(bytes));
            } catch (InvalidMessageException e) {
                throw new GatewayException(Problem.INVALID_REQUEST, e.getMessage(), e.param(), null, e);
            }
        };
    }
}
