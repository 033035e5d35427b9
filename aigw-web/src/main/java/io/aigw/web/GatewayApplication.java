package io.aigw.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** All resources of the gateway, at the application's root. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "aigw", version = "1", description = "AI gateway: OpenAI-compatible API, "
        + "administration and compliance"))
public class GatewayApplication extends Application {
}
