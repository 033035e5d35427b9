package io.aigw.web.problem;

import io.aigw.policy.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Gateway failures, in the format of the surface that was called. */
@Provider
public class GatewayExceptionMapper implements ExceptionMapper<GatewayException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(GatewayException e) {
        return ErrorResponses.of(e, request);
    }
}
