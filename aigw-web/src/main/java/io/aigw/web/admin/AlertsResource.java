package io.aigw.web.admin;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.alert.Alert;
import io.aigw.policy.alert.AlertDefinition;
import io.aigw.policy.alert.AlertStore;
import io.aigw.policy.alert.WebhookDispatcher;
import io.aigw.policy.alert.WebhookMessage;
import io.aigw.policy.chain.Operation;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /admin/alerts}: alerts delivered to webhooks. {@code PUT /{name}} creates or replaces one (its kind's fields
 * and {@code webhook_url}); a new alert's signing secret ({@code whsec_...}) is in that answer once, and in the
 * answer of {@code POST /{name}/rotate-secret}, never again. {@code GET} lists alerts, {@code GET|DELETE /{name}}
 * reads or removes one, {@code POST /{name}/test} queues a test event ({@code aigw.alert.test}) and answers its
 * {@code webhook_id} (its delivery is audited under that id). URLs are shown without their query.
 */
@Path("/admin/alerts")
@ApplicationScoped
public class AlertsResource {

    private static final String TEST_EVENT = "aigw.alert.test";

    @EJB
    GatewayService gateway;

    @EJB
    AlertStore store;

    @Inject
    WebhookDispatcher dispatcher;

    @PUT
    @Path("{name}")
    public Response put(@PathParam("name") String name, InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        AlertStore.Saved saved = gateway.manage(call, Operation.ADMIN, ex -> {
            AlertStore.requireName(name);
            return store.put(ex, name, AdminJson.body(body, request));
        });
        JsonObject out = withSecret(describe(saved.alert()), saved.secret());
        return saved.created() ? noStore(AdminJson.created(out, call)) : AdminJson.ok(out, call);
    }

    @GET
    public Response list(@Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject out = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonArrayBuilder data = Jsonp.createArrayBuilder();
            store.all().forEach(a -> data.add(describe(a)));
            return Jsonp.createObjectBuilder().add("data", data).build();
        });
        return AdminJson.ok(out, call);
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject out = gateway.manage(call, Operation.ADMIN, ex -> describe(store.find(name)
                .orElseThrow(() -> AlertStore.notFound(name))).build());
        return AdminJson.ok(out, call);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject out = gateway.manage(call, Operation.ADMIN, ex -> describe(store.delete(ex, name)).build());
        return AdminJson.ok(out, call);
    }

    @POST
    @Path("{name}/rotate-secret")
    public Response rotateSecret(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        AlertStore.Saved saved = gateway.manage(call, Operation.ADMIN, ex -> store.rotateSecret(ex, name));
        return noStore(AdminJson.ok(withSecret(describe(saved.alert()), saved.secret()), call));
    }

    @POST
    @Path("{name}/test")
    public Response test(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject out = gateway.manage(call, Operation.ADMIN, ex -> {
            Alert alert = store.alert(name);
            JsonObject data = Jsonp.createObjectBuilder().add("alert", name)
                    .add("kind", alert.spec().kind().wireName())
                    .add("message", "A test event: the alert's webhook receives and verifies the gateway's events.")
                    .build();
            Optional<WebhookMessage> sent = dispatcher.send(alert, TEST_EVENT, data, null, null);
            WebhookMessage message = sent.orElseThrow(() -> new GatewayException(Problem.POOL_EXHAUSTED, "The webhook "
                    + "delivery queue is full (aigw.alerts.queue-capacity); try again later.", null,
                    Duration.ofSeconds(60), null));
            return Jsonp.createObjectBuilder().add("webhook_id", message.id()).add("type", TEST_EVENT).build();
        });
        return Response.fromResponse(AdminJson.ok(out, call)).status(202).build();
    }

    private static JsonObjectBuilder describe(AlertDefinition a) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("name", a.getName());
        JsonText.parseObject(a.getSpec()).forEach(b::add);
        return b.add("webhook_url", io.aigw.policy.alert.WebhookUrl.redactedOf(a.getWebhookUrl()))
                .add("created_at", a.getCreatedAt().toString() + "Z")
                .add("changed_at", a.getChangedAt().toString() + "Z").add("changed_by", a.getChangedBy());
    }

    private static JsonObject withSecret(JsonObjectBuilder b, String secret) {
        return (secret == null ? b : b.add("secret", secret)).build();
    }

    private static Response noStore(Response r) {
        return Response.fromResponse(r).header("Cache-Control", "no-store").build();
    }
}
