package io.aigw.web.anthropic;

import io.aigw.codec.anthropic.AnthropicRequests;
import io.aigw.codec.anthropic.AnthropicResponses;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayService;
import io.aigw.web.http.CallContexts;
import io.aigw.web.http.AnswerHeaders;
import io.aigw.web.http.JsonBodies;
import io.aigw.web.http.SseStream;
import io.aigw.web.http.WebSettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code POST /v1/messages}: Anthropic's Messages API, to any provider, as JSON or as its SSE event sequence. */
@Path("/v1/messages")
@ApplicationScoped
public class MessagesResource {

    @EJB
    GatewayService gateway;

    @Inject
    WebSettings settings;

    @POST
    public Response create(InputStream body, @Context HttpServletRequest request,
                           @Context HttpServletResponse response) {
        CallContext call = CallContexts.of(request);
        AnthropicSseSink sink = new AnthropicSseSink(new SseStream(request, response, call.requestId()));
        ChatRequest[] decoded = new ChatRequest[1];
        ChatResponse answer = gateway.chat(call, JsonBodies.of(body, request.getContentLengthLong(),
                settings.maxRequestBytes(), json -> {
                    decoded[0] = AnthropicRequests.decode(json);
                    sink.present(decoded[0].model());
                    return decoded[0];
                }), sink);
        if (answer == null) {
            // streamed: the response is committed and complete
            return null;
        }
        Response.ResponseBuilder ok = Response.ok(JsonText.write(AnthropicResponses.encode(answer,
                decoded[0].model())), MediaType.APPLICATION_JSON_TYPE).header("x-request-id", call.requestId())
                .header("request-id", call.requestId());
        AnswerHeaders.addTo(request, ok::header);
        return ok.build();
    }
}
