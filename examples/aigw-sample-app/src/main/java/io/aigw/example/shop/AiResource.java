package io.aigw.example.shop;

import io.aigw.cdi.AiClient;
import io.aigw.cdi.AiModel;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.ToolDefinition;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** The shop's AI features, through clients injected with {@code @AiModel}. */
@Path("/ai")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AiResource {

    @Inject
    @AiModel("azure/gpt-4o-mini")
    AiClient assistant;

    @Inject
    @AiModel("local/all-minilm-l6-v2")
    AiClient embedder;

    @Inject
    @AiModel("azure/nosuch-model")
    AiClient missing;

    @Inject
    @Any
    Instance<AiClient> clients;

    @Resource
    UserTransaction transaction;

    @jakarta.ejb.EJB
    OrderSummaries summaries;

    @GET
    @Path("chat")
    public String chat(@QueryParam("q") String q) throws ProviderException {
        return Answers.of(assistant.chat(q)).build().toString();
    }

    /** A client chosen at run time: {@code AiModel.Literal} selects any route or model. */
    @GET
    @Path("ask")
    public String ask(@QueryParam("model") String model, @QueryParam("q") String q) throws ProviderException {
        return Answers.of(clients.select(AiModel.Literal.of(model)).get().chat(q)).build().toString();
    }

    @GET
    @Path("stream")
    public String stream(@QueryParam("q") String q) throws ProviderException, StreamAbortedException {
        List<String> deltas = new ArrayList<>();
        boolean[] opened = new boolean[1];
        StreamOutcome outcome = assistant.streamChat(request(q), new ChatStreamListener() {
            @Override
            public void onOpen() {
                opened[0] = true;
            }

            @Override
            public void onChunk(ChatChunk chunk) {
                chunk.choices().stream().filter(c -> c.content() != null && !c.content().isEmpty())
                        .forEach(c -> deltas.add(c.content()));
            }
        });
        JsonArrayBuilder pieces = Json.createArrayBuilder();
        deltas.forEach(pieces::add);
        return Json.createObjectBuilder().add("opened", opened[0]).add("deltas", pieces)
                .add("output_tokens", outcome.usage().outputTokens()).add("finish", String.valueOf(outcome.finishReason()))
                .build().toString();
    }

    /** Stops the stream after its first text chunk: the upstream is cancelled, the record says so. */
    @GET
    @Path("stream-stop")
    public String streamStop(@QueryParam("q") String q) throws ProviderException {
        try {
            assistant.streamChat(request(q), new ChatStreamListener() {
                @Override
                public void onOpen() {
                }

                @Override
                public void onChunk(ChatChunk chunk) throws StreamAbortedException {
                    if (chunk.choices().stream().anyMatch(c -> c.content() != null && !c.content().isEmpty())) {
                        throw new StreamAbortedException("enough", null);
                    }
                }
            });
            return Json.createObjectBuilder().add("stopped", false).build().toString();
        } catch (StreamAbortedException e) {
            return Json.createObjectBuilder().add("stopped", true).build().toString();
        }
    }

    @GET
    @Path("publish")
    public String publish(@QueryParam("q") String q) throws Exception {
        List<String> deltas = new ArrayList<>();
        Thread caller = Thread.currentThread();
        boolean[] elsewhere = new boolean[1];
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        assistant.publishChat(request(q)).subscribe(new Flow.Subscriber<ChatChunk>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ChatChunk chunk) {
                elsewhere[0] = Thread.currentThread() != caller;
                chunk.choices().stream().filter(c -> c.content() != null && !c.content().isEmpty())
                        .forEach(c -> deltas.add(c.content()));
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(true);
            }
        });
        boolean completed = await(done);
        JsonArrayBuilder pieces = Json.createArrayBuilder();
        deltas.forEach(pieces::add);
        return Json.createObjectBuilder().add("completed", completed).add("deltas", pieces)
                .add("delivered_on_another_thread", elsewhere[0]).build().toString();
    }

    @GET
    @Path("tools")
    public String tools(@QueryParam("q") String q) throws ProviderException {
        ToolDefinition weather = new ToolDefinition("get_weather", "The weather in a city",
                Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city")), null);
        return Answers.of(assistant.chat(request(q).withTools(List.of(weather), "auto"))).build().toString();
    }

    @GET
    @Path("embed")
    public String embed(@QueryParam("q") String q) throws ProviderException {
        EmbeddingResponse r = embedder.embed(List.of(q, q + " again"));
        return Json.createObjectBuilder().add("vectors", r.vectors().size())
                .add("dimensions", r.vectors().get(0).length).add("model", r.model()).build().toString();
    }

    @GET
    @Path("models")
    public String models() throws ProviderException {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        for (ModelInfo m : assistant.models()) {
            ids.add(m.id());
        }
        return Json.createObjectBuilder().add("ids", ids).build().toString();
    }

    /** A request the gateway refuses as invalid (no messages): refused, and on record. */
    @GET
    @Path("empty")
    public String empty() throws ProviderException {
        return Answers.of(assistant.chat(ChatRequest.of("any", List.of()))).build().toString();
    }

    @GET
    @Path("unknown")
    public String unknown() throws ProviderException {
        return Answers.of(missing.chat("hello")).build().toString();
    }

    /** Calls inside a transaction that then rolls back: the gateway's audit record stays. */
    @GET
    @Path("rollback")
    public String rollback(@QueryParam("q") String q) throws Exception {
        transaction.begin();
        try {
            return Answers.of(assistant.chat(q)).add("rolled_back", true).build().toString();
        } finally {
            transaction.rollback();
        }
    }

    /** Calls from an EJB, inside its container-managed transaction. */
    @GET
    @Path("ejb")
    public String fromEjb(@QueryParam("q") String q) throws ProviderException {
        return summaries.summarise(q);
    }

    /** Calls from a managed executor's thread. */
    @GET
    @Path("executor")
    public String fromExecutor(@QueryParam("q") String q) throws Exception {
        ManagedExecutorService executor = (ManagedExecutorService) new javax.naming.InitialContext()
                .lookup("java:comp/DefaultManagedExecutorService");
        return await(executor.submit(() -> Answers.of(assistant.chat(q)).build().toString()));
    }

    /** Calls from a thread the application started itself: the gateway cannot tell who calls, and refuses. */
    @GET
    @Path("unmanaged")
    public String unmanaged(@QueryParam("q") String q) throws Exception {
        CompletableFuture<String> out = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                out.complete(Answers.of(assistant.chat(q)).build().toString());
            } catch (Exception e) {
                out.completeExceptionally(e);
            }
        });
        t.start();
        return await(out);
    }

    /** The future's value; a gateway refusal inside it is thrown as itself. */
    private static <T> T await(java.util.concurrent.Future<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ProviderException p) {
                throw p;
            }
            throw e;
        }
    }

    static ChatRequest request(String q) {
        return ChatRequest.of("any", List.of(ChatMessage.text(Role.USER, q == null ? "hello" : q)));
    }
}
