package io.aigw.jca.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.outbound.AiManagedConnectionFactory;
import io.aigw.jca.outbound.AiResourceAdapter;
import io.aigw.jca.outbound.OutboundProbe;
import io.aigw.jca.testsupport.GgufFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the resource adapter closes the local chat model: the generation loop's native thread ends. What
 * de.kherud:llama 4.2.0 leaves behind is pinned here so that an upgrade that fixes it shows.
 */
class LocalModelShutdownTest {

    @TempDir
    Path folder;

    @Test
    void stoppingTheResourceAdapterEndsTheGenerationLoopThread() throws Exception {
        AiManagedConnectionFactory factory = LocalChatTest.factory(GgufFixture.writeTiny(folder));
        AiResourceAdapter adapter = new AiResourceAdapter();
        factory.setResourceAdapter(adapter);
        Set<String> before = nativeThreads();
        Set<Thread> javaBefore = Thread.getAllStackTraces().keySet();
        AiConnection connection = (AiConnection) factory.createManagedConnection(null, null).getConnection(null, null);
        connection.chat(LocalChatTest.request(2, Map.of()));
        Set<String> loopThreads = nativeThreads().stream().filter(t -> !before.contains(t) && t.endsWith(":java"))
                .collect(Collectors.toSet());
        assertThat(loopThreads).as("the model's generation loop runs on a native thread").isNotEmpty();

        adapter.stop();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!disjoint(nativeThreads(), loopThreads) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(nativeThreads()).as("the loop's native thread has ended").doesNotContainAnyElementsOf(loopThreads);
        ConnectionStatus status = connection.status();
        assertThat(status.available()).isFalse();
        assertThat(status.reason()).contains("closed");
        // de.kherud:llama 4.2.0 attaches the loop thread as a non-daemon "Thread-N" and never detaches it: the JVM
        // keeps listing it, without a stack, after the native thread is gone (a JVM ends by System.exit only)
        assertThat(Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> !javaBefore.contains(e.getKey()) && !e.getKey().isDaemon()
                        && e.getKey().getName().startsWith("Thread-") && e.getValue().length == 0))
                .as("the binding's undetached loop thread").isNotEmpty();
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        return a.stream().noneMatch(b::contains);
    }

    /** The process's OS threads as {@code tid:name} (Linux). */
    private static Set<String> nativeThreads() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(t -> t.getFileName() + ":" + comm(t)).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException e) {
            return "gone";
        }
    }
}
