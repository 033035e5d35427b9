package io.aigw.cdi.internal;

import io.aigw.cdi.AiClient;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.StreamAbortedException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A streamed chat answer as a {@link Flow.Publisher} for one subscriber. The stream runs on an executor (the
 * application's default managed executor, which carries the application's context and the caller's identity) and
 * waits for demand before each chunk: a subscriber that stops requesting holds the upstream stream at most
 * {@link #STALL_LIMIT}, then the stream is stopped (audited as stopped by the client) and the subscriber gets
 * {@code onError}.
 */
final class ChunkPublisher implements Flow.Publisher<ChatChunk> {

    static final Duration STALL_LIMIT = Duration.ofMinutes(2);

    private final AiClient client;
    private final ChatRequest request;
    private final Executor executor;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    ChunkPublisher(AiClient client, ChatRequest request, Executor executor) {
        this.client = client;
        this.request = request;
        this.executor = executor;
    }

    /** The application's default managed executor; without one (no Jakarta Concurrency), the subscribing thread. */
    static Executor defaultExecutor() {
        try {
            return (Executor) new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException | ClassCastException e) {
            return Runnable::run;
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ChatChunk> subscriber) {
        java.util.Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override public void request(long n) { }
                @Override public void cancel() { }
            });
            subscriber.onError(new IllegalStateException("this publisher serves one subscriber; call publishChat again"));
            return;
        }
        Relay relay = new Relay(subscriber);
        subscriber.onSubscribe(relay);
        executor.execute(relay::run);
    }

    /** The subscription and the stream's listener: hands chunks over as the subscriber asks for them. */
    private final class Relay implements Flow.Subscription, ChatStreamListener {
        private final Flow.Subscriber<? super ChatChunk> subscriber;
        private long demand;
        private boolean cancelled;
        private Throwable invalidDemand;

        Relay(Flow.Subscriber<? super ChatChunk> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public synchronized void request(long n) {
            if (n <= 0) {
                invalidDemand = new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)");
                cancelled = true;
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            notifyAll();
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            notifyAll();
        }

        void run() {
            try {
                client.streamChat(request, this);
                if (!isCancelled()) {
                    subscriber.onComplete();
                }
            } catch (StreamAbortedException e) {
                Throwable reason = stopReason();
                if (reason != null) {
                    subscriber.onError(reason);
                }
            } catch (Throwable t) {
                if (!isCancelled()) {
                    subscriber.onError(t);
                }
            }
        }

        @Override
        public void onOpen() throws StreamAbortedException {
            if (isCancelled()) {
                throw new StreamAbortedException("the subscriber cancelled before the stream opened", null);
            }
        }

        @Override
        public void onChunk(ChatChunk chunk) throws StreamAbortedException {
            awaitDemand();
            subscriber.onNext(chunk);
        }

        private synchronized void awaitDemand() throws StreamAbortedException {
            long deadline = System.nanoTime() + STALL_LIMIT.toNanos();
            while (demand == 0 && !cancelled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    invalidDemand = new java.util.concurrent.TimeoutException("the subscriber requested no chunk for "
                            + STALL_LIMIT.toSeconds() + " s; the stream was stopped");
                    cancelled = true;
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                }
            }
            if (cancelled) {
                throw new StreamAbortedException("the subscriber cancelled the stream", null);
            }
            demand--;
        }

        private synchronized boolean isCancelled() {
            return cancelled;
        }

        /** Why the stream stopped, if the subscriber is to hear of it (not after its own cancel). */
        private synchronized Throwable stopReason() {
            return invalidDemand;
        }
    }
}
