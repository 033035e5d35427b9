package io.aigw.web.admin;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonText;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.web.http.BoundedBody;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reading admin request bodies (bounded, strict, 400s naming the field) and writing admin JSON answers. */
final class AdminJson {

    static final long MAX_BODY = 64 * 1024;

    private AdminJson() {
    }

    /** The request's body as a JSON object. */
    static JsonObject body(InputStream in, HttpServletRequest request) {
        return parse(BoundedBody.read(in, request.getContentLengthLong(), MAX_BODY));
    }

    /** A JSON object from bytes already read. */
    static JsonObject parse(byte[] bytes) {
        try {
            return JsonText.parseObject(bytes);
        } catch (InvalidMessageException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, e.getMessage(), null, null, e);
        }
    }

    static String required(JsonObject json, String field) {
        String v = optional(json, field, null);
        if (v == null || v.isBlank()) {
            throw new GatewayException(Problem.INVALID_REQUEST, "Missing required field '" + field + "'.", field,
                    null, null);
        }
        return v;
    }

    static String optional(JsonObject json, String field, String fallback) {
        try {
            String v = JsonFields.string(json, field, field);
            return v == null ? fallback : v;
        } catch (InvalidMessageException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, e.getMessage(), field, null, e);
        }
    }

    /** A list of non-empty strings without commas, empty when absent. */
    static List<String> strings(JsonObject json, String field) {
        JsonArray a;
        try {
            a = JsonFields.array(json, field, field);
        } catch (InvalidMessageException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, e.getMessage(), field, null, e);
        }
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof JsonString s) || s.getString().isBlank() || s.getString().contains(",")) {
                    throw new GatewayException(Problem.INVALID_REQUEST, "'" + field + "[" + i
                            + "]' must be a non-empty string without commas.", field, null, null);
                }
                out.add(s.getString());
            }
        }
        return out;
    }

    static Response ok(JsonObject json, CallContext call) {
        return Response.ok(JsonText.write(json), MediaType.APPLICATION_JSON_TYPE)
                .header("x-request-id", call.requestId()).build();
    }

    static Response created(JsonObject json, CallContext call) {
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonText.write(json))
                .header("x-request-id", call.requestId()).build();
    }
}
