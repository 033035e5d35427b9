package io.aigw.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;

/** Issues gateway keys through the admin API. */
public final class Keys {

    /**
     * A key just issued.
     *
     * @param id     its public id
     * @param secret its secret
     */
    public record Issued(String id, String secret) {
    }

    private Keys() {
    }

    public static Issued issue(Gateway gateway, String name, List<String> roles, List<String> allowedModels) {
        return issue(gateway, name, "default", roles, allowedModels);
    }

    public static Issued issue(Gateway gateway, String name, String tenant, List<String> roles,
                               List<String> allowedModels) {
        tenant(gateway, tenant);
        JsonArrayBuilder r = Json.createArrayBuilder();
        roles.forEach(r::add);
        JsonArrayBuilder m = Json.createArrayBuilder();
        allowedModels.forEach(m::add);
        String body = Json.createObjectBuilder().add("name", name).add("tenant", tenant).add("roles", r)
                .add("allowed_models", m).build().toString();
        HttpResponse<String> response = gateway.post("/admin/keys", Gateway.ADMIN_KEY, body);
        if (response.statusCode() != 201) {
            throw new AssertionError("key not issued: " + response.statusCode() + " " + response.body());
        }
        JsonObject json = Gateway.json(response);
        return new Issued(json.getString("id"), json.getString("key"));
    }

    /** Makes sure the tenant exists (keys must name an existing tenant). */
    public static void tenant(Gateway gateway, String id) {
        HttpResponse<String> r = gateway.post("/admin/tenants", Gateway.ADMIN_KEY,
                Json.createObjectBuilder().add("id", id).build().toString());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new AssertionError("tenant not created: " + r.statusCode() + " " + r.body());
        }
    }

    public static Issued user(Gateway gateway, String name) {
        return issue(gateway, name, List.of(), List.of());
    }
}
