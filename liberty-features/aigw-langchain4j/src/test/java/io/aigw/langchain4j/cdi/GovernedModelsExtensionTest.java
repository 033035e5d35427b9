package io.aigw.langchain4j.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.aigw.cdi.AiClient;
import io.aigw.cdi.AiModel;
import io.aigw.langchain4j.FakeAiClient;
import io.aigw.langchain4j.GovernedChatModel;
import io.aigw.langchain4j.GovernedEmbeddingModel;
import io.aigw.langchain4j.GovernedStreamingChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The extension's bean registrations, observed through a recording {@link AfterBeanDiscovery}. */
class GovernedModelsExtensionTest {

    /** What one {@code addBean()} configured. */
    static final class RecordedBean {
        final Map<String, Object[]> calls = new HashMap<>();

        Object[] args(String method) {
            return calls.get(method);
        }

        @SuppressWarnings("unchecked")
        Object produce(Instance<Object> beans) {
            return ((Function<Instance<Object>, Object>) args("produceWith")[0]).apply(beans);
        }
    }

    private final List<RecordedBean> beans = new ArrayList<>();

    @Test
    void eachBindingBecomesAnApplicationScopedNamedGovernedBean() {
        GovernedModelsExtension.register(afterBeanDiscovery(), List.of(
                new ModelBinding(ModelKind.CHAT, "assistant", "openai/gpt-4o-mini"),
                new ModelBinding(ModelKind.STREAMING_CHAT, "writer", "anthropic/claude"),
                new ModelBinding(ModelKind.EMBEDDING, "docs", "local/minilm")));

        assertThat(beans).hasSize(3);
        assertBean(beans.get(0), ChatModel.class, GovernedChatModel.class, "assistant", "openai/gpt-4o-mini");
        assertBean(beans.get(1), StreamingChatModel.class, GovernedStreamingChatModel.class, "writer",
                "anthropic/claude");
        assertBean(beans.get(2), EmbeddingModel.class, GovernedEmbeddingModel.class, "docs", "local/minilm");
    }

    @Test
    void withoutMicroProfileConfigImplementationNothingIsConfigured() {
        // the test class path has the MicroProfile Config API but no implementation
        assertThat(GovernedModelsExtension.configuredModels()).isEmpty();
    }

    private void assertBean(RecordedBean bean, Class<?> type, Class<?> implementation, String name, String model) {
        assertThat((Type[]) bean.args("types")[0]).containsExactlyInAnyOrder(type, Object.class);
        assertThat((Annotation[]) bean.args("qualifiers")[0]).containsExactlyInAnyOrder(
                NamedLiteral.of(name), Governed.Literal.INSTANCE, Any.Literal.INSTANCE);
        assertThat(bean.args("scope")).containsExactly(ApplicationScoped.class);
        assertThat(bean.args("beanClass")).containsExactly(implementation);

        List<Object[]> selections = new ArrayList<>();
        FakeAiClient client = new FakeAiClient(model);
        Object produced = bean.produce(instance(selections, client));

        assertThat(produced).isInstanceOf(implementation);
        assertThat(selections).hasSize(1);
        assertThat(selections.get(0)[0]).isEqualTo(AiClient.class);
        assertThat((Annotation[]) selections.get(0)[1]).containsExactly(AiModel.Literal.of(model));
        assertThat(((Annotation[]) selections.get(0)[1])[0]).extracting(a -> ((AiModel) a).value()).isEqualTo(model);
    }

    private AfterBeanDiscovery afterBeanDiscovery() {
        return proxy(AfterBeanDiscovery.class, (p, method, args) -> {
            if (method.getName().equals("addBean") && (args == null || args.length == 0)) {
                RecordedBean bean = new RecordedBean();
                beans.add(bean);
                return configurator(bean);
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    private Object configurator(RecordedBean bean) {
        return proxy(jakarta.enterprise.inject.spi.configurator.BeanConfigurator.class, (p, method, args) -> {
            bean.calls.put(method.getName(), args);
            return p;
        });
    }

    @SuppressWarnings("unchecked")
    private Instance<Object> instance(List<Object[]> selections, AiClient client) {
        return proxy(Instance.class, (p, method, args) -> {
            if (method.getName().equals("select") && args.length == 2 && args[0] instanceof Class) {
                selections.add(args);
                return proxy(Instance.class, (q, m, a) -> {
                    if (m.getName().equals("get")) {
                        return client;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(GovernedModelsExtensionTest.class.getClassLoader(), new Class<?>[] {type},
                handler);
    }
}
