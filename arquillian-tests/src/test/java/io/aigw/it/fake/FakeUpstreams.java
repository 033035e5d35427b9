package io.aigw.it.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the one shared {@link FakeOpenAiServer} of a test run when the JUnit launcher session opens —
 * before any test class, hence before Arquillian starts the Liberty server whose gateway points at it —
 * and stops it when the session closes.
 *
 * <p>Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}. The port
 * is the system property {@value #PORT_PROPERTY} (default {@value #DEFAULT_PORT}); the server binds to
 * 127.0.0.1 only.
 */
public final class FakeUpstreams implements LauncherSessionListener {

    /** System property naming the fake OpenAI port. */
    public static final String PORT_PROPERTY = "aigw.fake.openai.port";

    /** The fake OpenAI port when {@value #PORT_PROPERTY} is not set. */
    public static final int DEFAULT_PORT = 9591;

    private static FakeOpenAiServer openai;

    /** Creates the listener; called by the JUnit launcher through {@link java.util.ServiceLoader}. */
    public FakeUpstreams() {
        // stateless: the server lives in a static field shared by the whole session
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        openai();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        FakeOpenAiServer running;
        synchronized (FakeUpstreams.class) {
            running = openai;
            openai = null;
        }
        if (running != null) {
            running.stop();
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
}
