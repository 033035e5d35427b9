package io.aigw.it.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the shared fake upstreams of a test run — OpenAI, Anthropic, Gemini and Bedrock — when the JUnit launcher
 * session opens, before any test class, hence before Arquillian starts the Liberty server whose gateway points at
 * them, and stops them when the session closes.
 *
 * <p>Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}. Each port is a
 * system property ({@code aigw.fake.<name>.port}, defaults 9591–9594); the servers bind to 127.0.0.1 only.
 */
public final class FakeUpstreams implements LauncherSessionListener {

    /** System property naming the fake OpenAI port. */
    public static final String PORT_PROPERTY = "aigw.fake.openai.port";
    /** The fake OpenAI port when {@value #PORT_PROPERTY} is not set. */
    public static final int DEFAULT_PORT = 9591;
    /** System property naming the fake Anthropic port. */
    public static final String ANTHROPIC_PORT_PROPERTY = "aigw.fake.anthropic.port";
    /** The fake Anthropic port when {@value #ANTHROPIC_PORT_PROPERTY} is not set. */
    public static final int ANTHROPIC_DEFAULT_PORT = 9592;
    /** System property naming the fake Gemini port. */
    public static final String GEMINI_PORT_PROPERTY = "aigw.fake.gemini.port";
    /** The fake Gemini port when {@value #GEMINI_PORT_PROPERTY} is not set. */
    public static final int GEMINI_DEFAULT_PORT = 9593;
    /** System property naming the fake Bedrock port. */
    public static final String BEDROCK_PORT_PROPERTY = "aigw.fake.bedrock.port";
    /** The fake Bedrock port when {@value #BEDROCK_PORT_PROPERTY} is not set. */
    public static final int BEDROCK_DEFAULT_PORT = 9594;

    private static final Logger LOG = Logger.getLogger(FakeUpstreams.class.getName());
    private static final Map<String, FakeUpstream> RUNNING = new LinkedHashMap<>();

    /** Starts one fake on a port. */
    @FunctionalInterface
    private interface Starter<T extends FakeUpstream> {
        T start(int port) throws IOException;
    }

    /** Creates the listener; called by the JUnit launcher through {@link java.util.ServiceLoader}. */
    public FakeUpstreams() {
        // stateless: the servers live in a static map shared by the whole session
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        openai();
        anthropic();
        gemini();
        bedrock();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<FakeUpstream> running;
        synchronized (FakeUpstreams.class) {
            running = new ArrayList<>(RUNNING.values());
            RUNNING.clear();
        }
        running.forEach(FakeUpstream::stop);
    }

    /** The session's fake OpenAI server, started on first use. */
    public static FakeOpenAiServer openai() {
        return started("OpenAI", PORT_PROPERTY, DEFAULT_PORT, FakeOpenAiServer::start);
    }

    /** The session's fake Anthropic server, started on first use. */
    public static FakeAnthropicServer anthropic() {
        return started("Anthropic", ANTHROPIC_PORT_PROPERTY, ANTHROPIC_DEFAULT_PORT, FakeAnthropicServer::start);
    }

    /** The session's fake Gemini server, started on first use. */
    public static FakeGeminiServer gemini() {
        return started("Gemini", GEMINI_PORT_PROPERTY, GEMINI_DEFAULT_PORT, FakeGeminiServer::start);
    }

    /** The session's fake Bedrock server, started on first use. */
    public static FakeBedrockServer bedrock() {
        return started("Bedrock", BEDROCK_PORT_PROPERTY, BEDROCK_DEFAULT_PORT, FakeBedrockServer::start);
    }

    /**
     * The running fake of that name, started if the launcher session did not (for example when a test is run
     * without this listener registered).
     *
     * @throws UncheckedIOException if its port cannot be bound
     */
    @SuppressWarnings("unchecked")
    private static synchronized <T extends FakeUpstream> T started(String name, String portProperty, int defaultPort,
                                                                   Starter<T> starter) {
        FakeUpstream running = RUNNING.get(name);
        if (running == null) {
            int port = Integer.getInteger(portProperty, defaultPort);
            try {
                running = starter.start(port);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the fake " + name + " server on 127.0.0.1:" + port
                        + " (set -D" + portProperty + " to use another port)", e);
            }
            RUNNING.put(name, running);
            String url = running.baseUrl();
            LOG.info(() -> "fake " + name + " upstream listening on " + url);
        }
        return (T) running;
    }
}
