package io.aigw.web.problem;

import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import io.aigw.policy.Problem;
import jakarta.ejb.EJBException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything else: JAX-RS routing failures (unknown path 404, wrong method 405, ...) go through the gateway's chain
 * to be authenticated and audited, and are answered in the surface's error format; anything unexpected is logged and
 * answered 500 without its message.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @EJB
    GatewayService gateway;

    @Override
    public Response toResponse(Throwable t) {
        if (t instanceof EJBException ejb && ejb.getCausedByException() instanceof GatewayException g) {
            return ErrorResponses.of(g, request);
        }
        if (t instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            try {
                gateway.refuse(CallContexts.of(request), routing(w));
            } catch (GatewayException refused) {
                return ErrorResponses.of(refused, request);
            }
        }
        LOG.log(Level.SEVERE, "Unexpected failure of " + (request == null ? "a request" : request.getMethod() + " "
                + request.getRequestURI()), t);
        return ErrorResponses.of(new GatewayException(Problem.INTERNAL, "The gateway failed to process the request."),
                request);
    }

    private GatewayException routing(WebApplicationException w) {
        String what = request == null ? "" : " (" + request.getMethod() + " " + request.getRequestURI() + ")";
        if (w instanceof NotFoundException) {
            return new GatewayException(Problem.NOT_FOUND, "Invalid URL" + what + ".");
        }
        if (w instanceof NotAllowedException) {
            return new GatewayException(Problem.METHOD_NOT_ALLOWED, "Method not allowed" + what + ".");
        }
        if (w instanceof NotSupportedException) {
            return new GatewayException(Problem.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type" + what + ".");
        }
        return new GatewayException(Problem.INVALID_REQUEST, "The request cannot be processed" + what + ".");
    }
}
