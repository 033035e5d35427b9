package io.aigw.jca.provider.http;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import jakarta.json.JsonObject;
import java.util.function.Function;

/**
 * What every HTTP provider session shares: its settings, the factory's HTTP client, the credential, whether it can
 * serve, and decoding upstream JSON with a clear error when it is not the protocol's.
 */
public abstract class HttpSession implements ProviderSession {

    protected final ProviderSettings settings;
    protected final UpstreamHttp http;
    protected final UpstreamCredential credential;
    private final String protocolName;

    protected HttpSession(ProviderSettings settings, UpstreamHttp http, UpstreamCredential credential,
                          String protocolName) {
        this.settings = settings;
        this.http = http;
        this.credential = credential;
        this.protocolName = protocolName;
    }

    @Override
    public ConnectionStatus status() {
        boolean ready = credential != null || !settings.requiresCredential();
        return new ConnectionStatus(settings.connectionName(), settings.protocol(), ready,
                ready ? null : "no upstream credential is configured (authData of eis/aigw/" + settings.connectionName()
                        + ")");
    }

    @Override
    public void close() {
        // nothing per connection: the HTTP client belongs to the connection factory
    }

    /** Fails with {@link Kind#NOT_CONFIGURED} when the connection cannot serve. */
    protected void requireCredential() throws ProviderException {
        ConnectionStatus status = status();
        if (!status.available()) {
            throw new ProviderException(Kind.NOT_CONFIGURED, "Connection '" + settings.connectionName()
                    + "' cannot serve: " + status.reason() + ".");
        }
    }

    /** Parses and decodes an upstream body; anything that is not the protocol's JSON is a bad response. */
    protected <T> T decode(String body, Function<JsonObject, T> decoder) throws ProviderException {
        try {
            return decoder.apply(JsonText.parseObject(body));
        } catch (InvalidMessageException | ClassCastException e) {
            throw new ProviderException(Kind.BAD_RESPONSE, "The upstream of connection '" + settings.connectionName()
                    + "' returned a response that is not valid " + protocolName + " JSON.", e);
        }
    }
}
