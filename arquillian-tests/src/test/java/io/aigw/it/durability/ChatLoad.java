package io.aigw.it.durability;

import io.aigw.it.support.Gateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that send the same non-streamed chat completion back to back until stopped, each on its own thread,
 * keeping the request id of every request answered with 200 (a request that got no answer, e.g. because the server
 * died under it, counts as failed).
 */
final class ChatLoad {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Queue<String> answered = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final ExecutorService clients;

    private ChatLoad(int clients) {
        AtomicInteger ids = new AtomicInteger();
        this.clients = Executors.newFixedThreadPool(clients, task -> {
            Thread t = new Thread(task, "chat-load-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the clients. */
    static ChatLoad start(Gateway gateway, String key, String body, int clients) {
        ChatLoad load = new ChatLoad(clients);
        for (int i = 0; i < clients; i++) {
            load.clients.execute(() -> load.send(gateway, key, body));
        }
        return load;
    }

    private void send(Gateway gateway, String key, String body) {
        while (running.get()) {
            try {
                HttpResponse<String> r = gateway.post("/v1/chat/completions", key, body);
                var id = r.headers().firstValue("x-request-id");
                if (r.statusCode() == 200 && id.isPresent()) {
                    answered.add(id.get());
                } else {
                    unexpected.add(r.statusCode() + " " + id.orElse("(no x-request-id)") + " " + r.body());
                }
            } catch (RuntimeException noAnswer) {
                failed.incrementAndGet();
            }
        }
    }

    /** How many requests were answered with 200 so far. */
    int answeredCount() {
        return answered.size();
    }

    /** The request ids of the requests answered with 200. */
    List<String> answered() {
        return new ArrayList<>(answered);
    }

    /** The answers other than 200 with a request id (none expected): status, request id and body. */
    List<String> unexpected() {
        return new ArrayList<>(unexpected);
    }

    /** How many requests got no answer. */
    int failed() {
        return failed.get();
    }

    /** Stops the clients after their current request and waits for them. */
    void stop(Duration timeout) throws InterruptedException {
        running.set(false);
        clients.shutdown();
        if (!clients.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            clients.shutdownNow();
            throw new AssertionError("chat clients still busy " + timeout + " after the stop");
        }
    }
}
