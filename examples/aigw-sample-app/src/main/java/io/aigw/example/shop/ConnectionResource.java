package io.aigw.example.shop;

import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.AiConnectionFactory;
import io.aigw.jca.api.AiConnectionSpec;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import javax.naming.InitialContext;

/**
 * The JCA route: the connection factory an administrator declared, used with try-with-resources. For this
 * application the handles call through the gateway (governed and audited); they never carry the upstream credential.
 */
@Path("/jca")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    @Resource(lookup = "eis/aigw/azure")
    AiConnectionFactory azure;

    @GET
    @Path("chat")
    public String chat(@QueryParam("q") String q) throws Exception {
        try (AiConnection connection = azure.getConnection()) {
            var answer = connection.chat(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.text(Role.USER, q))));
            return Answers.of(answer).add("connection", azure.connectionName()).build().toString();
        }
    }

    @GET
    @Path("models")
    public String models() throws Exception {
        try (AiConnection connection = azure.getConnection()) {
            var ids = Json.createArrayBuilder();
            connection.listModels().forEach(m -> ids.add(m.id()));
            return Json.createObjectBuilder().add("ids", ids).add("available", connection.status().available())
                    .build().toString();
        }
    }

    /** A direct JNDI lookup without a resource reference: governed the same way. */
    @GET
    @Path("lookup")
    public String lookup(@QueryParam("q") String q) throws Exception {
        AiConnectionFactory factory = (AiConnectionFactory) new InitialContext().lookup("eis/aigw/azure");
        try (AiConnection connection = factory.getConnection()) {
            return Answers.of(connection.chat(ChatRequest.of("gpt-4o-mini",
                    List.of(ChatMessage.text(Role.USER, q))))).build().toString();
        }
    }

    /** Asks for a connection with its own upstream key: refused to applications other than the gateway. */
    @GET
    @Path("own-key")
    public String ownKey() {
        try (AiConnection connection = azure.getConnection(new AiConnectionSpec("sk-mine"))) {
            return Json.createObjectBuilder().add("refused", false).build().toString();
        } catch (jakarta.resource.ResourceException e) {
            return Json.createObjectBuilder().add("refused", e.getClass().getName())
                    .add("message", String.valueOf(e.getMessage())).build().toString();
        }
    }

}
