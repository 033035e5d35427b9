package io.aigw.jca.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolDefinition;
import io.aigw.jca.outbound.AiManagedConnectionFactory;
import io.aigw.jca.outbound.OutboundProbe;
import io.aigw.jca.testsupport.GgufFixture;
import jakarta.resource.spi.ManagedConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local GGUF chat through the connection factory, on a real llama.cpp with the tiny random-weight fixture. */
class LocalChatTest {

    private static final String MODEL = "tiny-llama";
    private static final int SLOTS = 2;

    @TempDir
    Path folder;
    private Path modelFile;
    private AiManagedConnectionFactory factory;
    private final List<ManagedConnection> opened = new ArrayList<>();

    @BeforeEach
    void writeModel() throws Exception {
        modelFile = GgufFixture.writeTiny(folder);
        factory = factory(modelFile);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (ManagedConnection mc : opened) {
            mc.destroy();
        }
        OutboundProbe.provider(factory).close();
    }

    @Test
    void greedyDecodingWithAFixedSeedGivesTheSameTextTwice() throws Exception {
        try (AiConnection connection = connect()) {
            ChatResponse first = connection.chat(request(12, Map.of("seed", 7)));
            ChatResponse second = connection.chat(request(12, Map.of("seed", 7)));

            assertThat(first.choices().get(0).message().text()).isNotEmpty()
                    .isEqualTo(second.choices().get(0).message().text());
            assertThat(first.model()).isEqualTo(MODEL);
        }
    }

    @Test
    void reachingMaxTokensGivesExactlyThatManyTokensAndFinishReasonLength() throws Exception {
        try (AiConnection connection = connect()) {
            ChatResponse answer = connection.chat(request(9, Map.of()));

            assertThat(answer.usage().outputTokens()).isEqualTo(9);
            assertThat(answer.usage().estimated()).isFalse();
            assertThat(answer.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
        }
    }

    @Test
    void promptTokensAreTheTokenizersCountOfTheTemplatedPrompt() throws Exception {
        ChatRequest request = request(3, Map.of());
        int expected;
        try (LlamaModel tokenizer = new LlamaModel(new ModelParameters().setModel(modelFile.toString())
                .setCtxSize(256).setThreads(1).disableLog())) {
            String prompt = tokenizer.applyTemplate(ChatPrompt.messagesOf(request));
            assertThat(prompt).contains("Tell me a story");
            expected = tokenizer.encode(prompt).length;
        }
        try (AiConnection connection = connect()) {
            assertThat(connection.chat(request).usage().inputTokens()).isEqualTo(expected);
        }
    }

    @Test
    void streamingDeliversOneChunkPerTokenWhileGenerating() throws Exception {
        GgufChatModel model = chatModel();
        List<ChatChunk> chunks = new ArrayList<>();
        List<Integer> activeAtEachChunk = new ArrayList<>();
        try (AiConnection connection = connect()) {
            StreamOutcome outcome = connection.streamChat(request(6, Map.of()), new ChatStreamListener() {
                @Override
                public void onOpen() {
                }

                @Override
                public void onChunk(ChatChunk chunk) {
                    chunks.add(chunk);
                    activeAtEachChunk.add(model.activeGenerations());
                }
            });

            List<ChoiceDelta> tokens = chunks.stream().flatMap(c -> c.choices().stream())
                    .filter(d -> d.finishReason() == null).toList();
            assertThat(tokens).hasSize(outcome.usage().outputTokens()).hasSize(6);
            assertThat(tokens.get(0).role()).isEqualTo(Role.ASSISTANT);
            assertThat(tokens.subList(1, tokens.size())).allMatch(d -> d.role() == null);
            // every token chunk arrived while the generation was still running
            assertThat(activeAtEachChunk.subList(0, 6)).containsOnly(1);
            assertThat(outcome.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(outcome.chunks()).isEqualTo(chunks.size()).isEqualTo(8);
            assertThat(chunks.get(7).choices()).isEmpty();
            assertThat(chunks.get(7).usage()).isEqualTo(outcome.usage());
        }
    }

    @Test
    void aClientAbortStopsTheGenerationAndFreesTheSlot() throws Exception {
        GgufChatModel model = chatModel();
        AtomicInteger delivered = new AtomicInteger();
        try (AiConnection connection = connect()) {
            StreamAbortedException aborted = catchThrowableOfType(() -> connection.streamChat(request(200, Map.of()),
                    new ChatStreamListener() {
                        @Override
                        public void onOpen() {
                        }

                        @Override
                        public void onChunk(ChatChunk chunk) throws StreamAbortedException {
                            if (delivered.incrementAndGet() == 3) {
                                throw new StreamAbortedException("client went away", null);
                            }
                        }
                    }), StreamAbortedException.class);

            assertThat(aborted).isNotNull();
            assertThat(delivered).hasValue(3);
            assertThat(model.activeGenerations()).isZero();
            // the connection generates again at once: the cancelled task left its slot
            assertThat(connection.chat(request(4, Map.of())).usage().outputTokens()).isEqualTo(4);
        }
    }

    @Test
    void concurrentGenerationsNeverExceedTheManagedConnections() throws Exception {
        GgufChatModel model = chatModel();
        BlockingQueue<ManagedConnection> pool = new ArrayBlockingQueue<>(SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            pool.add(managed());
        }
        AtomicInteger observedMax = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(threads.submit(() -> {
                    ManagedConnection mc = pool.take();
                    try (AiConnection connection = (AiConnection) mc.getConnection(null, null)) {
                        return connection.streamChat(request(8, Map.of()), new ChatStreamListener() {
                            @Override
                            public void onOpen() {
                            }

                            @Override
                            public void onChunk(ChatChunk chunk) {
                                observedMax.accumulateAndGet(model.activeGenerations(), Math::max);
                            }
                        }).usage().outputTokens();
                    } finally {
                        mc.cleanup();
                        pool.add(mc);
                    }
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(8);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(observedMax.get()).isBetween(1, SLOTS);
        assertThat(model.peakActiveGenerations()).isBetween(1, SLOTS);
        assertThat(model.activeGenerations()).isZero();
    }

    @Test
    void aManagedConnectionBeyondTheInferenceSlotsIsRefusedAsMisconfigured() throws Exception {
        for (int i = 0; i < SLOTS; i++) {
            try (AiConnection connection = connect()) {
                connection.chat(request(1, Map.of()));
            }
        }
        try (AiConnection extra = connect()) {
            ProviderException e = catchThrowableOfType(() -> extra.chat(request(1, Map.of())),
                    ProviderException.class);
            assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED);
            assertThat(e.getMessage()).contains("maxPoolSize", "inferenceSlots");
        }
    }

    @Test
    void imagesToolsSeveralChoicesAndJsonSchemaAreUnsupported() throws Exception {
        ChatMessage withImage = new ChatMessage(Role.USER, List.of(new TextPart("what is this?"),
                new ImagePart("data:image/png;base64,AAAA", null)), null, List.of(), null);
        List<ChatRequest> refused = List.of(
                new ChatRequest(MODEL, List.of(withImage), null, null, null, null, false, null),
                new ChatRequest(MODEL, List.of(ChatMessage.text(Role.USER, "hi")), null,
                        List.of(new ToolDefinition("f", "d", Map.of("type", "object"), null)), null, null, false, null),
                new ChatRequest(MODEL, List.of(ChatMessage.text(Role.USER, "hi")),
                        new GenerationOptions(null, null, 4, List.of(), 2), null, null, null, false, null),
                new ChatRequest(MODEL, List.of(ChatMessage.text(Role.USER, "hi")), null, null, null,
                        new io.aigw.jca.api.ResponseFormat("json_schema", Map.of("name", "x")), false, null));
        try (AiConnection connection = connect()) {
            for (ChatRequest request : refused) {
                ProviderException e = catchThrowableOfType(() -> connection.chat(request), ProviderException.class);
                assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
                assertThat(e.getMessage()).contains("does not support");
            }
        }
        assertThat(chatModel().loads()).as("refused before the model is needed").isZero();
    }

    @Test
    void destroyingAManagedConnectionAndCreatingAnotherDoesNotReloadTheModel() throws Exception {
        ManagedConnection first = managed();
        try (AiConnection connection = (AiConnection) first.getConnection(null, null)) {
            connection.chat(request(2, Map.of()));
        }
        first.destroy();
        try (AiConnection connection = connect()) {
            connection.chat(request(2, Map.of()));
        }
        assertThat(chatModel().loads()).isEqualTo(1);
    }

    @Test
    void theModelListsWithTheEmbeddingModelsAndItsStatusIsAvailable() throws Exception {
        try (AiConnection connection = connect()) {
            assertThat(connection.listModels()).extracting(ModelInfo::id)
                    .containsExactly(MODEL, MiniLmEmbeddingModels.MODEL_ID);
            assertThat(connection.listModels().get(0).capabilities()).containsExactly(ModelInfo.Capability.CHAT);
            assertThat(connection.status().available()).isTrue();
        }
    }

    @Test
    void anUnloadableModelFileIsReportedNotConfigured() throws Exception {
        Path broken = Files.writeString(folder.resolve("broken.gguf"), "not a model");
        factory = factory(broken);
        try (AiConnection connection = connect()) {
            assertThat(connection.status().available()).isFalse();
            assertThat(connection.status().reason()).contains("broken.gguf", "not a GGUF file");
            ProviderException e = catchThrowableOfType(() -> connection.chat(
                    new ChatRequest("broken", List.of(ChatMessage.text(Role.USER, "hi")), null, null, null, null, false,
                            null)), ProviderException.class);
            assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED);
        }
    }

    private GgufChatModel chatModel() throws Exception {
        return ((LocalProvider) OutboundProbe.provider(factory)).chatModel();
    }

    private AiConnection connect() throws Exception {
        return (AiConnection) managed().getConnection(null, null);
    }

    private ManagedConnection managed() throws Exception {
        ManagedConnection mc = factory.createManagedConnection(null, null);
        opened.add(mc);
        return mc;
    }

    static AiManagedConnectionFactory factory(Path model) {
        AiManagedConnectionFactory f = new AiManagedConnectionFactory();
        f.setConnectionName("local");
        f.setProtocol("local");
        f.setRequiresCredential(false);
        f.setModelPath(model.toString());
        f.setContextSize(512);
        f.setThreads(1);
        f.setInferenceSlots(SLOTS);
        return f;
    }

    static ChatRequest request(int maxTokens, Map<String, Object> extensions) {
        return new ChatRequest(MODEL, List.of(ChatMessage.text(Role.SYSTEM, "You tell short stories."),
                ChatMessage.text(Role.USER, "Tell me a story about a cat.")),
                new GenerationOptions(0.0, null, maxTokens, List.of(), null), null, null, null, false, extensions);
    }
}
