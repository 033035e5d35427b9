package io.aigw.web.openai;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiEmbeddings;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayService;
import io.aigw.web.http.CallContexts;
import io.aigw.web.http.AnswerHeaders;
import io.aigw.web.http.JsonBodies;
import io.aigw.web.http.WebSettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code POST /v1/embeddings}, vectors as JSON floats or base64 ({@code encoding_format}). */
@Path("/v1/embeddings")
@ApplicationScoped
public class EmbeddingsResource {

    @EJB
    GatewayService gateway;

    @Inject
    WebSettings settings;

    @POST
    public Response embed(InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        EmbeddingRequest[] decoded = new EmbeddingRequest[1];
        OpenAiEmbeddings.Encoding[] encoding = new OpenAiEmbeddings.Encoding[1];
        EmbeddingResponse answer = gateway.embeddings(call, JsonBodies.of(body, request.getContentLengthLong(),
                settings.maxRequestBytes(), json -> {
                    decoded[0] = OpenAiEmbeddings.decode(json);
                    encoding[0] = OpenAiEmbeddings.encoding(json);
                    return decoded[0];
                }));
        Response.ResponseBuilder ok = Response.ok(JsonText.write(OpenAiEmbeddings.encodeResponse(answer,
                decoded[0].model(), encoding[0])), MediaType.APPLICATION_JSON_TYPE)
                .header("x-request-id", call.requestId());
        AnswerHeaders.addTo(request, ok::header);
        return ok.build();
    }
}
