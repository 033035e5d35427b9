package io.aigw.web.openai;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiChatRequests;
import io.aigw.codec.openai.OpenAiChatResponses;
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

/** {@code POST /v1/chat/completions}: a JSON answer, or an SSE stream written directly to the response. */
@Path("/v1/chat/completions")
@ApplicationScoped
public class ChatCompletionsResource {

    @EJB
    GatewayService gateway;

    @Inject
    WebSettings settings;

    @POST
    public Response complete(InputStream body, @Context HttpServletRequest request,
                             @Context HttpServletResponse response) {
        CallContext call = CallContexts.of(request);
        OpenAiSseSink sink = new OpenAiSseSink(new SseStream(request, response, call.requestId()));
        ChatRequest[] decoded = new ChatRequest[1];
        ChatResponse answer = gateway.chat(call, JsonBodies.of(body, request.getContentLengthLong(),
                settings.maxRequestBytes(), json -> {
                    ChatRequest r = OpenAiChatRequests.decode(json);
                    decoded[0] = r;
                    sink.present(r.model(), OpenAiChatRequests.wantsStreamUsage(r));
                    return r;
                }), sink);
        if (answer == null) {
            // streamed: the response is committed and complete
            return null;
        }
        Response.ResponseBuilder ok = Response.ok(JsonText.write(OpenAiChatResponses.encode(answer,
                decoded[0].model())), MediaType.APPLICATION_JSON_TYPE).header("x-request-id", call.requestId());
        AnswerHeaders.addTo(request, ok::header);
        return ok.build();
    }
}
