package io.aigw.web.problem;

import io.aigw.codec.json.JsonText;
import io.aigw.policy.GatewayException;
import io.aigw.web.anthropic.AnthropicErrorResponses;
import io.aigw.web.http.CallContexts;
import io.aigw.web.http.AnswerHeaders;
import io.aigw.web.openai.OpenAiErrorResponses;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

/** Chooses the error format by path and builds the response. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response of(GatewayException e, HttpServletRequest request) {
        String requestId = request == null ? null : (String) request.getAttribute(CallContexts.REQUEST_ID);
        String path = request == null ? "" : request.getRequestURI();
        boolean anthropicModels = path.startsWith("/v1/models") && request.getHeader("anthropic-version") != null;
        if (path.equals("/v1/messages") || path.startsWith("/v1/messages/") || anthropicModels) {
            return withRateLimits(AnthropicErrorResponses.of(e, requestId), request);
        }
        if (path.startsWith("/v1/") || path.equals("/v1")) {
            return withRateLimits(OpenAiErrorResponses.of(e, requestId), request);
        }
        JsonObjectBuilder problem = Jsonp.createObjectBuilder()
                .add("type", "https://aigw.io/problems/" + e.problem().slug())
                .add("title", title(e))
                .add("status", e.problem().status())
                .add("detail", e.getMessage())
                .add("instance", path);
        if (e.param() != null) {
            problem.add("param", e.param());
        }
        if (requestId != null) {
            problem.add("requestId", requestId);
        }
        Response.ResponseBuilder b = Response.status(e.problem().status())
                .type("application/problem+json")
                .entity(JsonText.write(problem.build()));
        if (e.retryAfter() != null) {
            b.header("Retry-After", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        if (requestId != null) {
            b.header("x-request-id", requestId);
        }
        return b.build();
    }

    private static Response withRateLimits(Response r, HttpServletRequest request) {
        Response.ResponseBuilder b = Response.fromResponse(r);
        AnswerHeaders.addTo(request, b::header);
        return b.build();
    }

    private static String title(GatewayException e) {
        String slug = e.problem().slug().replace('-', ' ');
        return Character.toUpperCase(slug.charAt(0)) + slug.substring(1);
    }
}
