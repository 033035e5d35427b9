package io.aigw.jca.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.AiConnectionFactory;
import io.aigw.jca.api.AiConnectionSpec;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.Role;
import io.aigw.jca.testsupport.FakeOpenAi;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AiManagedConnectionFactoryTest {

    private final List<ManagedConnection> opened = new ArrayList<>();

    @AfterEach
    void destroyConnections() throws ResourceException {
        for (ManagedConnection mc : opened) {
            mc.destroy();
        }
    }

    private static AiManagedConnectionFactory factory(String baseUrl) {
        AiManagedConnectionFactory mcf = new AiManagedConnectionFactory();
        mcf.setConnectionName("test");
        mcf.setProtocol("openai");
        mcf.setBaseUrl(baseUrl);
        mcf.setConnectTimeout("2s");
        return mcf;
    }

    private static Subject subject(ManagedConnectionFactory mcf, String password) {
        PasswordCredential pc = new PasswordCredential("svc", password.toCharArray());
        pc.setManagedConnectionFactory(mcf);
        Subject s = new Subject();
        s.getPrivateCredentials().add(pc);
        return s;
    }

    private AiManagedConnection open(AiManagedConnectionFactory mcf, Subject subject, ConnectionRequestInfo cri)
            throws ResourceException {
        AiManagedConnection mc = (AiManagedConnection) mcf.createManagedConnection(subject, cri);
        opened.add(mc);
        return mc;
    }

    /** A container that always creates a new managed connection and hands out its handle; remembers what it did. */
    private static final class NewConnectionEachTime implements ConnectionManager {
        private static final long serialVersionUID = 1L;
        final List<ConnectionRequestInfo> requestInfos = new ArrayList<>();
        final List<ManagedConnection> created = new ArrayList<>();

        @Override
        public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo cri)
                throws ResourceException {
            requestInfos.add(cri);
            ManagedConnection mc = mcf.createManagedConnection(null, cri);
            created.add(mc);
            return mc.getConnection(null, cri);
        }
    }

    // ---- matching ----

    @Test
    void aFactoryReplacedByANewConfigurationClosesItsProviderOnceItsLastConnectionIsDestroyed() throws Exception {
        AiResourceAdapter ra = new AiResourceAdapter();
        AiManagedConnectionFactory old = factory("http://127.0.0.1:9/v1");
        old.setResourceAdapter(ra);
        AiManagedConnection inUse = open(old, subject(old, "sk-old"), null);
        assertThat(old.hasProvider()).isTrue();

        AiManagedConnectionFactory changed = factory("http://127.0.0.1:10/v1");
        changed.setResourceAdapter(ra);
        open(changed, subject(changed, "sk-new"), null);
        assertThat(old.hasProvider()).as("the old provider serves its connection until it is destroyed").isTrue();

        inUse.destroy();
        assertThat(old.hasProvider()).isFalse();
        assertThat(changed.hasProvider()).isTrue();
    }

    @Test
    void matchesTheCandidateWithTheSameFactoryCredentialAndRequestInfo() throws ResourceException {
        AiManagedConnectionFactory mcf = factory("http://127.0.0.1:9/v1");
        AiManagedConnectionFactory other = factory("http://127.0.0.1:10/v1");
        AiConnectionRequestInfo cri = new AiConnectionRequestInfo("sk-request");

        AiManagedConnection otherFactory = open(other, subject(other, "sk-a"), null);
        AiManagedConnection otherCredential = open(mcf, subject(mcf, "sk-b"), null);
        AiManagedConnection noCredential = open(mcf, null, null);
        AiManagedConnection otherRequestInfo = open(mcf, null, new AiConnectionRequestInfo("sk-other"));
        AiManagedConnection withRequestInfo = open(mcf, null, cri);
        AiManagedConnection wanted = open(mcf, subject(mcf, "sk-a"), null);
        Set<Object> candidates = new LinkedHashSet<>(List.of(otherFactory, "not a connection", otherCredential,
                noCredential, otherRequestInfo, withRequestInfo, wanted));

        assertThat(mcf.matchManagedConnections(candidates, subject(mcf, "sk-a"), null)).isSameAs(wanted);
        assertThat(mcf.matchManagedConnections(candidates, null, null)).isSameAs(noCredential);
        assertThat(mcf.matchManagedConnections(candidates, null, new AiConnectionRequestInfo("sk-request")))
                .isSameAs(withRequestInfo);
    }

    @Test
    void matchesNothingForADifferentCredential() throws ResourceException {
        AiManagedConnectionFactory mcf = factory("http://127.0.0.1:9/v1");
        AiManagedConnection mc = open(mcf, subject(mcf, "sk-a"), null);

        assertThat(mcf.matchManagedConnections(Set.of(mc), subject(mcf, "sk-b"), null)).isNull();
        assertThat(mcf.matchManagedConnections(Set.of(mc), null, null)).isNull();
        assertThat(mcf.matchManagedConnections(Set.of(mc), subject(mcf, "sk-a"), null)).isSameAs(mc);
    }

    @Test
    void matchesNothingForADifferentRequestInfo() throws ResourceException {
        AiManagedConnectionFactory mcf = factory("http://127.0.0.1:9/v1");
        NewConnectionEachTime container = new NewConnectionEachTime();
        AiConnectionFactory cf = (AiConnectionFactory) mcf.createConnectionFactory(container);
        try (AiConnection first = cf.getConnection(new AiConnectionSpec("k"));
             AiConnection sameKey = cf.getConnection(new AiConnectionSpec("k"));
             AiConnection otherKey = cf.getConnection(new AiConnectionSpec("other"))) {
            opened.addAll(container.created);
            ManagedConnection mc = container.created.get(0);

            assertThat(mcf.matchManagedConnections(Set.of(mc), null, container.requestInfos.get(1))).isSameAs(mc);
            assertThat(mcf.matchManagedConnections(Set.of(mc), null, container.requestInfos.get(2))).isNull();
            assertThat(mcf.matchManagedConnections(Set.of(mc), null, null)).isNull();
            assertThat(mcf.matchManagedConnections(Set.of(mc), subject(mcf, "k"), null)).isNull();
        }
    }

    @Test
    void matchesNothingFromAnotherFactoryOrOfAnotherType() throws ResourceException {
        AiManagedConnectionFactory mcf = factory("http://127.0.0.1:9/v1");
        AiManagedConnectionFactory other = factory("http://127.0.0.1:10/v1");
        AiManagedConnection fromOther = open(other, subject(other, "sk-a"), null);

        assertThat(mcf.matchManagedConnections(Set.of(fromOther), subject(mcf, "sk-a"), null)).isNull();
        assertThat(mcf.matchManagedConnections(Set.of("x", 42), null, null)).isNull();
        assertThat(mcf.matchManagedConnections(Set.of(), null, null)).isNull();
    }

    @Test
    void ignoresACredentialMeantForAnotherFactory() throws ResourceException {
        AiManagedConnectionFactory mcf = factory("http://127.0.0.1:9/v1");
        AiManagedConnectionFactory other = factory("http://127.0.0.1:10/v1");

        AiManagedConnection mc = open(mcf, subject(other, "sk-a"), null);

        assertThat(mc.credential()).isNull();
    }

    // ---- unset credentials ----

    @ParameterizedTest
    @ValueSource(strings = {"${env.OPENAI_API_KEY}", "", "   "})
    void anUnsetCredentialCountsAsNone(String password) throws Exception {
        try (FakeOpenAi upstream = new FakeOpenAi()) {
            upstream.respondWith(FakeOpenAi.json(200, "{\"choices\":[]}"));
            AiManagedConnectionFactory mcf = factory(upstream.baseUrl());
            Subject subject = subject(mcf, password);
            AiManagedConnection mc = open(mcf, subject, null);
            try (AiConnection connection = (AiConnection) mc.getConnection(subject, null)) {
                ConnectionStatus status = connection.status();
                assertThat(status.available()).isFalse();
                assertThat(status.reason()).isNotBlank();
                assertThat(status.connection()).isEqualTo("test");

                ProviderException e = catchThrowableOfType(() -> connection.chat(new ChatRequest("m",
                        List.of(ChatMessage.text(Role.USER, "hi")), null, null, null, null, false, null)),
                        ProviderException.class);

                assertThat(e).isNotNull();
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_CONFIGURED);
                assertThat(e.getMessage()).doesNotContain("${");
            }
            assertThat(upstream.requestCount()).isZero();
        }
    }

    @Test
    void aConnectionThatNeedsNoCredentialServesWithoutOne() throws Exception {
        try (FakeOpenAi upstream = new FakeOpenAi()) {
            upstream.respondWith(FakeOpenAi.json(200, "{\"choices\":[{\"message\":{\"content\":\"ok\"}}],"
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"));
            AiManagedConnectionFactory mcf = factory(upstream.baseUrl());
            mcf.setRequiresCredential(false);
            AiManagedConnection mc = open(mcf, null, null);
            try (AiConnection connection = (AiConnection) mc.getConnection(null, null)) {
                assertThat(connection.status().available()).isTrue();

                connection.chat(new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "hi")), null, null, null,
                        null, false, null));
            }
            assertThat(upstream.nextRequest().header("Authorization")).isNull();
        }
    }

    // ---- equals / hashCode ----

    static Stream<Arguments> properties() {
        return Stream.of(
                Arguments.of("connectionName", (Consumer<AiManagedConnectionFactory>) f -> f.setConnectionName("x")),
                Arguments.of("protocol", (Consumer<AiManagedConnectionFactory>) f -> f.setProtocol("local")),
                Arguments.of("baseUrl", (Consumer<AiManagedConnectionFactory>) f -> f.setBaseUrl("http://h/v1")),
                Arguments.of("connectTimeout", (Consumer<AiManagedConnectionFactory>) f -> f.setConnectTimeout("1s")),
                Arguments.of("responseTimeout", (Consumer<AiManagedConnectionFactory>) f -> f.setResponseTimeout("1s")),
                Arguments.of("idleTimeout", (Consumer<AiManagedConnectionFactory>) f -> f.setIdleTimeout("1s")),
                Arguments.of("totalTimeout", (Consumer<AiManagedConnectionFactory>) f -> f.setTotalTimeout("1s")),
                Arguments.of("requiresCredential",
                        (Consumer<AiManagedConnectionFactory>) f -> f.setRequiresCredential(false)),
                Arguments.of("headers", (Consumer<AiManagedConnectionFactory>) f -> f.setHeaders("X-A: b")),
                Arguments.of("models", (Consumer<AiManagedConnectionFactory>) f -> f.setModels("gpt-4o")),
                Arguments.of("cacheDirectory", (Consumer<AiManagedConnectionFactory>) f -> f.setCacheDirectory("/tmp")),
                Arguments.of("modelPath", (Consumer<AiManagedConnectionFactory>) f -> f.setModelPath("/m.gguf")),
                Arguments.of("contextSize", (Consumer<AiManagedConnectionFactory>) f -> f.setContextSize(512)),
                Arguments.of("threads", (Consumer<AiManagedConnectionFactory>) f -> f.setThreads(2)),
                Arguments.of("inferenceSlots", (Consumer<AiManagedConnectionFactory>) f -> f.setInferenceSlots(4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("properties")
    void equalsAndHashCodeChangeWithEveryProperty(String property, Consumer<AiManagedConnectionFactory> change) {
        AiManagedConnectionFactory base = new AiManagedConnectionFactory();
        AiManagedConnectionFactory same = new AiManagedConnectionFactory();
        AiManagedConnectionFactory changed = new AiManagedConnectionFactory();

        change.accept(changed);

        assertThat(same).isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(changed).as(property).isNotEqualTo(base);
        assertThat(base).as(property).isNotEqualTo(changed);
        assertThat(changed.hashCode()).as(property).isNotEqualTo(base.hashCode());
    }

    // ---- configuration errors ----

    @Test
    void anInvalidDurationFailsConnectionCreationNamingTheProperty() {
        AiManagedConnectionFactory mcf = factory("http://127.0.0.1:9/v1");
        mcf.setIdleTimeout("abc");

        assertThatThrownBy(() -> mcf.createManagedConnection(null, null))
                .hasMessageContaining("idleTimeout").hasMessageContaining("abc");
    }

    @Test
    void anUnknownProtocolFailsConnectionCreation() {
        AiManagedConnectionFactory mcf = factory("http://127.0.0.1:9/v1");
        mcf.setProtocol("smoke-signals");

        assertThatThrownBy(() -> mcf.createManagedConnection(null, null))
                .isInstanceOf(ResourceException.class).hasMessageContaining("smoke-signals");
    }
}
