package io.aigw.web.http;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit: a declared {@code Content-Length} over it fails before reading, a chunked body
 * fails as soon as it passes it. Either way 413, never a partial parse. Memory grows with the bytes that arrive, not
 * with the length a client declares: a client announcing megabytes and sending nothing holds {@value #INITIAL} bytes.
 */
public final class BoundedBody {

    static final int INITIAL = 16 * 1024;

    private BoundedBody() {
    }

    public static byte[] read(InputStream in, long declaredLength, long limit) {
        byte[] bytes = readOptional(in, declaredLength, limit);
        if (bytes.length == 0) {
            throw new GatewayException(Problem.INVALID_REQUEST, "The request body is empty; a JSON object is expected.");
        }
        return bytes;
    }

    /** Like {@link #read} but an empty body is an empty array (for requests whose body is optional). */
    public static byte[] readOptional(InputStream in, long declaredLength, long limit) {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                declaredLength > 0 ? (int) Math.min(declaredLength, INITIAL) : 1024);
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                if (out.size() + (long) n > limit) {
                    throw tooLarge(limit);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, "The request body could not be read completely.",
                    null, null, e);
        }
        return out.toByteArray();
    }

    private static GatewayException tooLarge(long limit) {
        return new GatewayException(Problem.PAYLOAD_TOO_LARGE, "The request body is larger than the gateway's limit of "
                + limit + " bytes.");
    }
}
