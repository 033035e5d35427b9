package io.aigw.langchain4j.cdi;

import java.util.Objects;

/**
 * One configured governed model: its kind, the bean name applications inject it by, and the gateway model id (route
 * name or {@code <connection>/<model>}) it calls.
 *
 * @param kind         chat, streaming chat or embedding
 * @param name         the {@code @Named} value of the bean
 * @param gatewayModel the gateway model id
 */
public record ModelBinding(ModelKind kind, String name, String gatewayModel) {

    public ModelBinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gatewayModel, "gatewayModel");
    }
}
