package io.aigw.langchain4j.cdi;

import io.aigw.cdi.AiClient;
import io.aigw.cdi.AiModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the governed LangChain4j models that the application's MicroProfile Config declares as CDI beans:
 * {@code aigw.langchain4j.chat-model.assistant=openai/gpt-4o-mini} makes {@code @Inject @Named("assistant") ChatModel}
 * a {@link io.aigw.langchain4j.GovernedChatModel} for that gateway model id, which langchain4j-cdi's
 * {@code @RegisterAIService(chatModelName = "assistant")} finds as well; {@code streaming-chat-model} and
 * {@code embedding-model} do the same for {@code StreamingChatModel} and {@code EmbeddingModel}. The beans are
 * {@code @ApplicationScoped}, qualified {@code @Named("<name>")} and {@link Governed} (never {@code @Default}), and
 * call through the {@code @AiModel("<id>") AiClient} of the user feature. Without MicroProfile Config nothing is
 * registered.
 */
public class GovernedModelsExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(GovernedModelsExtension.class.getName());

    void registerModels(@Observes AfterBeanDiscovery event) {
        register(event, configuredModels());
    }

    /** The configured models, or none when MicroProfile Config is missing or has no implementation. */
    static List<ModelBinding> configuredModels() {
        try {
            return MicroProfileModels.read();
        } catch (NoClassDefFoundError | IllegalStateException e) {
            LOG.log(Level.INFO, "aigw-langchain4j: no governed LangChain4j model beans are registered: MicroProfile "
                    + "Config (or the aigw API of the user feature) is not available to the application (" + e + ")");
            return List.of();
        }
    }

    /** Adds one bean per binding. */
    static void register(AfterBeanDiscovery event, List<ModelBinding> bindings) {
        for (ModelBinding binding : bindings) {
            ModelKind kind = binding.kind();
            String gatewayModel = binding.gatewayModel();
            event.addBean()
                    .beanClass(kind.implementation())
                    .types(kind.beanType(), Object.class)
                    .qualifiers(NamedLiteral.of(binding.name()), Governed.Literal.INSTANCE, Any.Literal.INSTANCE)
                    .scope(ApplicationScoped.class)
                    .produceWith(beans -> kind.create(
                            beans.select(AiClient.class, AiModel.Literal.of(gatewayModel)).get()));
        }
        if (!bindings.isEmpty()) {
            StringBuilder list = new StringBuilder();
            for (ModelBinding b : bindings) {
                list.append(list.length() == 0 ? "" : ", ").append(b.kind().beanType().getSimpleName())
                        .append(" '").append(b.name()).append("' -> ").append(b.gatewayModel());
            }
            LOG.info("aigw-langchain4j: registered governed LangChain4j models: " + list);
        }
    }
}
