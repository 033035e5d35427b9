package io.aigw.it.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the shared fake upstreams of a test run — one {@link FakeOpenAiServer}, one
 * {@link FakeAnthropicServer} and one {@link FakeBedrockServer} — when the JUnit launcher session opens, before any test class, hence before
 * Arquillian starts the Liberty server whose gateway points at them, and stops them when the session closes.
 *
 * <p>Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}. The ports are
 * the system properties {@value #PORT_PROPERTY} (default {@value #DEFAULT_PORT}) and
 * {@value #ANTHROPIC_PORT_PROPERTY} (default {@value #ANTHROPIC_DEFAULT_PORT}) and {@value #BEDROCK_PORT_PROPERTY}
 * (default {@value #BEDROCK_DEFAULT_PORT}); the servers bind to 127.0.0.1 only.
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

    /** System property naming the fake Bedrock port. */
    public static final String BEDROCK_PORT_PROPERTY = "aigw.fake.bedrock.port";

    /** The fake Bedrock port when {@value #BEDROCK_PORT_PROPERTY} is not set. */
    public static final int BEDROCK_DEFAULT_PORT = 9594;

    private static FakeOpenAiServer openai;
    private static FakeAnthropicServer anthropic;
    private static FakeBedrockServer bedrock;

    /** Creates the listener; called by the JUnit launcher through {@link java.util.ServiceLoader}. */
    public FakeUpstreams() {
        // stateless: the servers live in static fields shared by the whole session
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        openai();
        anthropic();
        bedrock();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        FakeOpenAiServer runningOpenAi;
        FakeAnthropicServer runningAnthropic;
        FakeBedrockServer runningBedrock;
        synchronized (FakeUpstreams.class) {
            runningOpenAi = openai;
            runningAnthropic = anthropic;
            runningBedrock = bedrock;
            openai = null;
            anthropic = null;
            bedrock = null;
        }
        if (runningBedrock != null) {
            runningBedrock.stop();
        }
        if (runningOpenAi != null) {
            runningOpenAi.stop();
        }
        if (runningAnthropic != null) {
            runningAnthropic.stop();
        }
    }

    /**
     * Returns the session's fake OpenAI server, starting it if the launcher session did not (for example
     * when a test is run without this listener registered).
     *
     * @return the running shared server
     * @throws UncheckedIOException if its port cannot be bound
     */
    public static synchronized FakeOpenAiServer openai() {
        if (openai == null) {
            int port = Integer.getInteger(PORT_PROPERTY, DEFAULT_PORT);
            try {
                openai = FakeOpenAiServer.start(port);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the fake OpenAI server on 127.0.0.1:" + port
                        + " (set -D" + PORT_PROPERTY + " to use another port)", e);
            }
            System.out.println("[aigw-it] fake OpenAI upstream listening on " + openai.baseUrl());
        }
        return openai;
    }

    /**
     * Returns the session's fake Anthropic server, starting it if the launcher session did not (for example
     * when a test is run without this listener registered).
     *
     * @return the running shared server
     * @throws UncheckedIOException if its port cannot be bound
     */
    public static synchronized FakeAnthropicServer anthropic() {
        if (anthropic == null) {
            int port = Integer.getInteger(ANTHROPIC_PORT_PROPERTY, ANTHROPIC_DEFAULT_PORT);
            try {
                anthropic = FakeAnthropicServer.start(port);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the fake Anthropic server on 127.0.0.1:" + port
                        + " (set -D" + ANTHROPIC_PORT_PROPERTY + " to use another port)", e);
            }
            System.out.println("[aigw-it] fake Anthropic upstream listening on " + anthropic.baseUrl());
        }
        return anthropic;
    }

    /**
     * Returns the session's fake Bedrock server, starting it if the launcher session did not.
     *
     * @return the running shared server
     * @throws UncheckedIOException if its port cannot be bound
     */
    public static synchronized FakeBedrockServer bedrock() {
        if (bedrock == null) {
            int port = Integer.getInteger(BEDROCK_PORT_PROPERTY, BEDROCK_DEFAULT_PORT);
            try {
                bedrock = FakeBedrockServer.start(port);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the fake Bedrock server on 127.0.0.1:" + port
                        + " (set -D" + BEDROCK_PORT_PROPERTY + " to use another port)", e);
            }
            System.out.println("[aigw-it] fake Bedrock upstream listening on " + bedrock.baseUrl());
        }
        return bedrock;
    }
}
