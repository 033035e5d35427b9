package io.aigw.example.shop;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The same chat as {@code /api/ai/chat}, but over the gateway's HTTP API with a key, as an application on another
 * server would call it: the baseline the in-process call is compared with ({@code bench/inprocess.sh}). Configured
 * with {@code SHOP_GATEWAY_URL} and {@code SHOP_GATEWAY_KEY}.
 */
@Path("/http")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HttpGatewayResource {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @GET
    @Path("chat")
    public String chat(@QueryParam("q") String q) throws Exception {
        String url = System.getenv().getOrDefault("SHOP_GATEWAY_URL", "http://localhost:9080");
        String key = System.getenv("SHOP_GATEWAY_KEY");
        String body = Json.createObjectBuilder().add("model", "azure/gpt-4o-mini")
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user")
                        .add("content", q == null ? "hello" : q))).build().toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new WebApplicationException(r.body(), r.statusCode());
        }
        JsonObject answer = Json.createReader(new StringReader(r.body())).readObject();
        JsonObject choice = answer.getJsonArray("choices").getJsonObject(0);
        return Json.createObjectBuilder().add("model", answer.getString("model"))
                .add("text", choice.getJsonObject("message").getString("content"))
                .add("output_tokens", answer.getJsonObject("usage").getInt("completion_tokens")).build().toString();
    }
}
