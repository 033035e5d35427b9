package io.aigw.example.shop;

import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.gateway.GatewayRefusedException;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Shows a gateway refusal as the shop saw it: the exception's type, code, status and retry-after. */
@Provider
public class RefusalMapper implements ExceptionMapper<ProviderException> {

    @Override
    public Response toResponse(ProviderException e) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("refused", e.getClass().getSimpleName())
                .add("message", String.valueOf(e.getMessage()));
        int status = 502;
        if (e instanceof GatewayRefusedException g) {
            b.add("code", g.code()).add("status", g.status());
            status = g.status();
        }
        if (e.retryAfter() != null) {
            // rounded up, as the HTTP Retry-After header is
            b.add("retry_after_seconds", (e.retryAfter().toMillis() + 999) / 1000);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(b.build().toString()).build();
    }
}
