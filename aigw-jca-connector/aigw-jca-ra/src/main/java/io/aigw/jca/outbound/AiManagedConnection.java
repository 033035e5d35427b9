package io.aigw.jca.outbound;

import io.aigw.jca.api.ProviderException;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.UpstreamCredential;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled connection: a provider session bound to one credential. Hands out {@link AiConnectionHandle}s; a failure
 * that means the connection is broken fires {@code CONNECTION_ERROR_OCCURRED} so the pool discards it. No transactions.
 */
public class AiManagedConnection implements ManagedConnection {

    private final AiManagedConnectionFactory factory;
    private final UpstreamCredential credential;
    private final ConnectionRequestInfo requestInfo;
    private final ProviderSession session;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<AiConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private volatile boolean destroyed;
    private PrintWriter logWriter;

    AiManagedConnection(AiManagedConnectionFactory factory, UpstreamCredential credential,
                        ConnectionRequestInfo requestInfo, ProviderSession session) {
        this.factory = factory;
        this.credential = credential;
        this.requestInfo = requestInfo;
        this.session = session;
    }

    AiManagedConnectionFactory factory() {
        return factory;
    }

    UpstreamCredential credential() {
        return credential;
    }

    ConnectionRequestInfo requestInfo() {
        return requestInfo;
    }

    ProviderSession session() {
        return session;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo cri) throws ResourceException {
        checkNotDestroyed();
        AiConnectionHandle handle = new AiConnectionHandle(this);
        addHandle(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        checkNotDestroyed();
        if (!(connection instanceof AiConnectionHandle handle)) {
            throw new ResourceException("not an aigw connection handle: " + connection);
        }
        AiManagedConnection previous = handle.associate(this);
        if (previous != null) {
            previous.removeHandle(handle);
        }
        addHandle(handle);
    }

    private void addHandle(AiConnectionHandle handle) {
        if (handles.add(handle)) {
            factory.handleOpened();
        }
    }

    private boolean removeHandle(AiConnectionHandle handle) {
        if (handles.remove(handle)) {
            factory.handleReleased();
            return true;
        }
        return false;
    }

    /** The application closed a handle: tell the pool it may reuse this connection. */
    void handleClosed(AiConnectionHandle handle) {
        if (removeHandle(handle) && !destroyed) {
            ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
            event.setConnectionHandle(handle);
            for (ConnectionEventListener l : listeners) {
                l.connectionClosed(event);
            }
        }
    }

    /**
     * A call through a handle failed. If the failure means the connection itself is broken (the upstream could not
     * be reached or dropped the connection), tell the pool to discard this connection.
     */
    void callFailed(AiConnectionHandle handle, ProviderException e) {
        if (e.kind() == ProviderException.Kind.UNREACHABLE && !destroyed) {
            // the handle is dead from now on: the container closes its handles while it processes the event, and
            // that close must not report CONNECTION_CLOSED for a connection being discarded
            handle.invalidate();
            removeHandle(handle);
            ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, e);
            event.setConnectionHandle(handle);
            for (ConnectionEventListener l : listeners) {
                l.connectionErrorOccurred(event);
            }
        }
    }

    /** Invalidates every handle; the connection goes back to the pool clean. */
    @Override
    public void cleanup() {
        invalidateHandles();
    }

    /** Invalidates every handle and releases what the session owns. */
    @Override
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        invalidateHandles();
        session.close();
        factory.connectionDestroyed();
    }

    private void invalidateHandles() {
        for (AiConnectionHandle h : new ArrayList<>(handles)) {
            h.invalidate();
            removeHandle(h);
        }
    }

    boolean destroyed() {
        return destroyed;
    }

    private void checkNotDestroyed() throws IllegalStateException {
        if (destroyed) {
            throw new IllegalStateException("managed connection destroyed");
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("aigw connections are not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("aigw connections are not transactional");
    }

    /**
     * No queue-manager identity: {@code null}. Liberty's connection manager looks this method up reflectively on
     * every allocation (a hook for messaging adapters); when a connection lacks it, each allocation builds and
     * discards a {@code NoSuchMethodException} with a full stack trace, a measurable part of the pool checkout.
     * With it, Liberty records one recovery token for the factory and keeps using it.
     */
    public String getQmid() {
        return null;
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "aigw " + factory.getProtocol();
            }

            @Override
            public String getEISProductVersion() {
                return "1";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return credential == null ? null : credential.user();
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
