package io.aigw.web.openai;

import io.aigw.codec.anthropic.AnthropicModels;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiModels;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.ModelListing;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /v1/models} (the OpenAI list, or Anthropic's paged list for clients that send {@code anthropic-version},
 * plus
 * {@code connections}: every connection's status and, when it cannot
 * serve, why) and {@code GET /v1/models/{id}} (ids contain {@code /}).
 */
@Path("/v1/models")
@ApplicationScoped
public class ModelsResource {

    @EJB
    GatewayService gateway;

    @GET
    public Response list(@Context HttpServletRequest request, @QueryParam("after_id") String afterId,
                         @QueryParam("before_id") String beforeId, @QueryParam("limit") String limit) {
        CallContext call = CallContexts.of(request);
        boolean anthropic = anthropicClient(request);
        AnthropicModelPage page = null;
        if (anthropic) {
            try {
                AnthropicModelPage.of(List.of(), afterId, beforeId, limit);
            } catch (GatewayException invalid) {
                gateway.refuse(call, invalid);
            }
        }
        ModelListing listing = gateway.models(call);
        List<ModelListing.Entry> models = listing.models();
        if (anthropic) {
            page = AnthropicModelPage.of(models.stream().map(ModelListing.Entry::id).toList(), afterId, beforeId,
                    limit);
            models = models.subList(page.from(), page.to());
        }
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        models.forEach(e -> data.add(model(e, anthropic)));
        JsonArrayBuilder connections = Jsonp.createArrayBuilder();
        for (ConnectionStatus s : listing.connections()) {
            JsonObjectBuilder c = Jsonp.createObjectBuilder().add("name", s.connection()).add("available", s.available());
            if (s.protocol() != null) {
                c.add("protocol", s.protocol());
            }
            if (s.reason() != null) {
                c.add("reason", s.reason());
            }
            JsonArrayBuilder breakers = Jsonp.createArrayBuilder();
            String prefix = s.connection() + "/";
            listing.breakers().forEach((target, state) -> {
                if (target.startsWith(prefix)) {
                    breakers.add(Jsonp.createObjectBuilder().add("model", target.substring(prefix.length()))
                            .add("state", state));
                }
            });
            connections.add(c.add("breakers", breakers));
        }
        JsonObjectBuilder list = Jsonp.createObjectBuilder();
        if (anthropic) {
            list.add("data", data).add("has_more", page.hasMore());
            if (models.isEmpty()) {
                list.addNull("first_id").addNull("last_id");
            } else {
                list.add("first_id", models.get(0).id()).add("last_id", models.get(models.size() - 1).id());
            }
        } else {
            list.add("object", "list").add("data", data);
        }
        return ok(list.add("connections", connections).build(), call);
    }

    @GET
    @Path("{id: .+}")
    public Response get(@PathParam("id") String id, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        return ok(model(gateway.model(call, id), anthropicClient(request)).build(), call);
    }

    /** Anthropic's SDKs send {@code anthropic-version}; they get Anthropic's list format. */
    private static boolean anthropicClient(HttpServletRequest request) {
        return request.getHeader("anthropic-version") != null;
    }

    private static JsonObjectBuilder model(ModelListing.Entry e, boolean anthropic) {
        if (anthropic) {
            return AnthropicModels.encode(e.id(), e.model().created());
        }
        return OpenAiModels.encode(e.id(), e.model().created(), e.model().ownedBy() == null ? e.connection()
                : e.model().ownedBy());
    }

    private static Response ok(jakarta.json.JsonObject json, CallContext call) {
        return Response.ok(JsonText.write(json), MediaType.APPLICATION_JSON_TYPE)
                .header("x-request-id", call.requestId()).build();
    }
}
