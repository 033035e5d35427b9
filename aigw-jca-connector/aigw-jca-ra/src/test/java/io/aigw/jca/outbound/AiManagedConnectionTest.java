package io.aigw.jca.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.Role;
import io.aigw.jca.testsupport.FakeOpenAi;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AiManagedConnectionTest {

    private static final ChatRequest HELLO = new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "hi")), null,
            null, null, null, false, null);

    /** Records the events a container would receive. */
    private static final class Events implements ConnectionEventListener {
        final List<ConnectionEvent> received = new CopyOnWriteArrayList<>();

        @Override
        public void connectionClosed(ConnectionEvent event) {
            received.add(event);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
            received.add(event);
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
            received.add(event);
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
            received.add(event);
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            received.add(event);
        }

        List<Integer> ids() {
            return received.stream().map(ConnectionEvent::getId).toList();
        }
    }

    private FakeOpenAi upstream;
    private AiManagedConnectionFactory mcf;
    private AiManagedConnection mc;
    private final Events events = new Events();

    @BeforeEach
    void open() throws Exception {
        upstream = new FakeOpenAi();
        mcf = factory(upstream.baseUrl());
        mc = managed(mcf);
        mc.addConnectionEventListener(events);
    }

    @AfterEach
    void close() {
        mc.destroy();
        upstream.close();
    }

    private static AiManagedConnectionFactory factory(String baseUrl) {
        AiManagedConnectionFactory f = new AiManagedConnectionFactory();
        f.setConnectionName("test");
        f.setProtocol("openai");
        f.setBaseUrl(baseUrl);
        f.setConnectTimeout("2s");
        return f;
    }

    private static AiManagedConnection managed(AiManagedConnectionFactory f) throws ResourceException {
        PasswordCredential pc = new PasswordCredential("svc", "sk-test".toCharArray());
        pc.setManagedConnectionFactory(f);
        Subject subject = new Subject();
        subject.getPrivateCredentials().add(pc);
        return (AiManagedConnection) f.createManagedConnection(subject, null);
    }

    private AiConnectionHandle handle(AiManagedConnection on) throws ResourceException {
        return (AiConnectionHandle) on.getConnection(null, null);
    }

    // ---- close ----

    @Test
    void answersLibertysReflectiveQmidLookupWithoutAnException() throws Exception {
        // Liberty's connection manager calls getClass().getMethod("getQmid") on every allocation; a missing method
        // costs a NoSuchMethodException per pool checkout
        java.lang.reflect.Method m = mc.getClass().getMethod("getQmid", (Class<?>[]) null);

        assertThat(m.invoke(mc, (Object[]) null)).isNull();
    }

    @Test
    void closeFiresExactlyOneConnectionClosed() throws ResourceException {
        AiConnectionHandle h = handle(mc);

        h.close();
        h.close();

        assertThat(events.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
        assertThat(events.received.get(0).getConnectionHandle()).isSameAs(h);
        assertThat(events.received.get(0).getSource()).isSameAs(mc);
        assertThat(h.isValid()).isFalse();
    }

    @Test
    void aClosedHandleRefusesUse() throws ResourceException {
        AiConnectionHandle h = handle(mc);
        h.close();

        assertThatThrownBy(h::status).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.chat(HELLO)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(h::listModels).isInstanceOf(IllegalStateException.class);
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void cleanupInvalidatesOutstandingHandles() throws ResourceException {
        AiConnectionHandle a = handle(mc);
        AiConnectionHandle b = handle(mc);
        assertThat(a.status().connection()).isEqualTo("test");

        mc.cleanup();

        assertThatThrownBy(a::status).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.chat(HELLO)).isInstanceOf(IllegalStateException.class);
        a.close();
        assertThat(events.received).isEmpty();
        // the connection itself goes back to the pool and serves new handles
        assertThat(handle(mc).status().connection()).isEqualTo("test");
    }

    @Test
    void destroyInvalidatesOutstandingHandlesAndRefusesNewOnes() throws ResourceException {
        AiConnectionHandle h = handle(mc);

        mc.destroy();

        assertThatThrownBy(h::status).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> mc.getConnection(null, null))
                .isInstanceOf(jakarta.resource.spi.IllegalStateException.class);
        h.close();
        assertThat(events.received).isEmpty();
    }

    @Test
    void associateConnectionMovesAHandle() throws ResourceException {
        AiManagedConnection other = managed(mcf);
        Events otherEvents = new Events();
        other.addConnectionEventListener(otherEvents);
        try {
            AiConnectionHandle h = handle(mc);

            other.associateConnection(h);

            mc.cleanup(); // no longer one of mc's handles
            assertThat(h.isValid()).isTrue();
            assertThat(h.status().connection()).isEqualTo("test");
            h.close();
            assertThat(events.received).isEmpty();
            assertThat(otherEvents.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
            assertThat(otherEvents.received.get(0).getSource()).isSameAs(other);
        } finally {
            other.destroy();
        }
    }

    @Test
    void anAssociatedHandleIsInvalidatedByItsNewConnection() throws ResourceException {
        AiManagedConnection other = managed(mcf);
        try {
            AiConnectionHandle h = handle(mc);
            other.associateConnection(h);

            other.cleanup();

            assertThatThrownBy(h::status).isInstanceOf(IllegalStateException.class);
        } finally {
            other.destroy();
        }
    }

    @Test
    void associateConnectionRejectsForeignObjects() {
        assertThatThrownBy(() -> mc.associateConnection("not a handle")).isInstanceOf(ResourceException.class);
    }

    // ---- failures ----

    @Test
    void anUnreachableUpstreamFiresOneConnectionErrorAndKillsTheHandle() throws Exception {
        AiManagedConnection broken = managed(factory("http://127.0.0.1:" + FakeOpenAi.closedPort() + "/v1"));
        Events brokenEvents = new Events();
        broken.addConnectionEventListener(brokenEvents);
        try {
            AiConnectionHandle h = handle(broken);

            ProviderException e = catchThrowableOfType(() -> h.chat(HELLO), ProviderException.class);

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNREACHABLE);
            assertThat(brokenEvents.ids()).containsExactly(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
            assertThat(brokenEvents.received.get(0).getException()).isSameAs(e);
            assertThat(brokenEvents.received.get(0).getConnectionHandle()).isSameAs(h);
            assertThat(h.isValid()).isFalse();
            assertThatThrownBy(() -> h.chat(HELLO)).isInstanceOf(IllegalStateException.class);

            h.close(); // what the container does while it handles the error event

            assertThat(brokenEvents.ids()).containsExactly(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
        } finally {
            broken.destroy();
        }
    }

    @Test
    void anUpstreamServerErrorFiresNoEvent() throws ResourceException {
        upstream.respondWith(FakeOpenAi.json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"));
        AiConnectionHandle h = handle(mc);

        ProviderException e = catchThrowableOfType(() -> h.chat(HELLO), ProviderException.class);

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.UPSTREAM_ERROR);
        assertThat(e.upstreamStatus()).isEqualTo(500);
        assertThat(events.received).isEmpty();
        assertThat(h.isValid()).isTrue();
        h.close();
        assertThat(events.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
    }

    @Test
    void isNotTransactional() {
        assertThatThrownBy(mc::getXAResource).isInstanceOf(jakarta.resource.NotSupportedException.class);
        assertThatThrownBy(mc::getLocalTransaction).isInstanceOf(jakarta.resource.NotSupportedException.class);
    }
}
