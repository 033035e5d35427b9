package io.aigw.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.cdi.AiClient;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.Usage;
import io.aigw.jca.api.gateway.RateLimitedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkPublisherTest {

    private volatile Thread streaming;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        streaming = new Thread(r, "stream");
        return streaming;
    });
    private final ChatRequest request = ChatRequest.of("m", List.of(ChatMessage.text(Role.USER, "hi")));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void deliversChunksOnlyAsTheSubscriberAsksAndCompletes() throws Exception {
        Streaming client = new Streaming(List.of("a", "b", "c"), null);
        Recorder subscriber = new Recorder(0);
        new ChunkPublisher(client, request, executor).subscribe(subscriber);
        awaitWaitingForDemand();
        assertThat(subscriber.texts).isEmpty();
        subscriber.subscription.request(2);
        until(() -> subscriber.texts.size() == 2);
        awaitWaitingForDemand();
        assertThat(subscriber.texts).containsExactly("a", "b");
        subscriber.subscription.request(5);
        assertThat(subscriber.done.get(5, TimeUnit.SECONDS)).isEqualTo("complete");
        assertThat(subscriber.texts).containsExactly("a", "b", "c");
        assertThat(client.stoppedByListener).isFalse();
    }

    @Test
    void cancellingStopsTheUpstreamStreamAndSendsNothingMore() throws Exception {
        Streaming client = new Streaming(List.of("a", "b", "c"), null);
        Recorder subscriber = new Recorder(1);
        subscriber.cancelAfterFirst = true;
        new ChunkPublisher(client, request, executor).subscribe(subscriber);
        assertThat(client.finished.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(client.stoppedByListener).isTrue();
        assertThat(subscriber.texts).containsExactly("a");
        assertThat(subscriber.done).isNotDone();
    }

    @Test
    void aRefusalArrivesAsOnErrorWithItsType() throws Exception {
        Streaming client = new Streaming(List.of(), new RateLimitedException("rate_limit_exceeded", "slow down",
                Duration.ofSeconds(7)));
        Recorder subscriber = new Recorder(1);
        new ChunkPublisher(client, request, executor).subscribe(subscriber);
        assertThat(subscriber.done.get(5, TimeUnit.SECONDS)).isEqualTo("error RateLimitedException slow down");
    }

    @Test
    void nonPositiveDemandIsASpecViolationReportedAsOnError() throws Exception {
        Streaming client = new Streaming(List.of("a"), null);
        Recorder subscriber = new Recorder(0);
        new ChunkPublisher(client, request, executor).subscribe(subscriber);
        subscriber.subscription.request(0);
        assertThat(subscriber.done.get(5, TimeUnit.SECONDS)).startsWith("error IllegalArgumentException request(0)");
        assertThat(client.stoppedByListener).isTrue();
    }

    @Test
    void aSecondSubscriberIsRefused() throws Exception {
        ChunkPublisher publisher = new ChunkPublisher(new Streaming(List.of("a"), null), request, executor);
        publisher.subscribe(new Recorder(1));
        Recorder second = new Recorder(1);
        publisher.subscribe(second);
        assertThat(second.done.get(5, TimeUnit.SECONDS)).startsWith("error IllegalStateException");
    }

    /** Until the stream's thread is parked waiting for demand (a chunk in hand, none delivered without demand). */
    private void awaitWaitingForDemand() throws InterruptedException {
        until(() -> streaming != null && streaming.getState() == Thread.State.TIMED_WAITING);
    }

    /** Polls a condition every 5 ms, for at most 5 s. */
    private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("condition within 5 s").isTrue();
            Thread.sleep(5);
        }
    }

    /** Records what a subscriber receives. */
    private static final class Recorder implements Flow.Subscriber<ChatChunk> {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> done = new CompletableFuture<>();
        final long initial;
        volatile Flow.Subscription subscription;
        boolean cancelAfterFirst;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(ChatChunk item) {
            texts.add(item.choices().get(0).content());
            if (cancelAfterFirst) {
                subscription.cancel();
            } else if (initial > 0) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            done.complete("error " + t.getClass().getSimpleName() + " " + t.getMessage());
        }

        @Override
        public void onComplete() {
            done.complete("complete");
        }
    }

    /** A client that streams the given texts, or fails before opening. */
    private static final class Streaming implements AiClient {
        private final List<String> texts;
        private final ProviderException refusal;
        final CompletableFuture<Boolean> finished = new CompletableFuture<>();
        volatile boolean stoppedByListener;

        Streaming(List<String> texts, ProviderException refusal) {
            this.texts = texts;
            this.refusal = refusal;
        }

        @Override
        public String model() {
            return "m";
        }

        @Override
        public StreamOutcome streamChat(ChatRequest r, ChatStreamListener listener)
                throws ProviderException, StreamAbortedException {
            if (refusal != null) {
                throw refusal;
            }
            try {
                listener.onOpen();
                for (String t : texts) {
                    listener.onChunk(new ChatChunk("c", "m", 0, List.of(new ChoiceDelta(0, Role.ASSISTANT, t, null,
                            List.of(), null, null)), null, null));
                }
                return new StreamOutcome(Usage.of(1, texts.size()), FinishReason.STOP, texts.size());
            } catch (StreamAbortedException e) {
                stoppedByListener = true;
                throw e;
            } finally {
                finished.complete(true);
            }
        }

        @Override
        public ChatResponse chat(ChatRequest r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Flow.Publisher<ChatChunk> publishChat(ChatRequest r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EmbeddingResponse embed(List<String> inputs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ModelInfo> models() {
            throw new UnsupportedOperationException();
        }
    }
}
