package io.aigw.jca.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * A tiny llama-architecture chat model for tests: GGUF v3, F32 weights drawn from a fixed seed, a SentencePiece
 * vocabulary with byte fallback ({@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte tokens, then word pieces).
 * Its text is noise, but loading, tokenising, streaming, token counts, slots and shutdown are real.
 * <p>
 * The output rows of {@code </s>} and of the byte tokens 0x80-0xFF are zero, so under greedy decoding (where some
 * other token always has a positive logit) the model never ends early and never emits a partial UTF-8 character:
 * every token is one streamed output and a generation runs exactly to its token limit.
 * <p>
 * Integration tests can write the same file before the server starts:
 * {@code java -cp <aigw-jca-ra test-jar> io.aigw.jca.testsupport.GgufFixture <file.gguf>}.
 */
public final class GgufFixture {

    /**
     * A model shape.
     *
     * @param dim        embedding width
     * @param layers     transformer blocks
     * @param heads      attention heads (as many key/value heads)
     * @param ffn        feed-forward width
     * @param vocab      vocabulary size (at least 259)
     * @param contextLen trained context length
     */
    public record Shape(int dim, int layers, int heads, int ffn, int vocab, int contextLen) {
    }

    /** The default test shape: about 150,000 parameters, 0.6 MB. */
    public static final Shape TINY = new Shape(64, 2, 4, 128, 512, 256);

    private static final long SEED = 42;
    private static final int FIRST_BYTE_TOKEN = 3;
    private static final int EOS = 2;

    private GgufFixture() {
    }

    /** Writes the {@link #TINY} model as {@code tiny-llama.gguf} into the folder and returns its path. */
    public static Path writeTiny(Path folder) throws IOException {
        Path file = folder.resolve("tiny-llama.gguf");
        write(TINY, file);
        return file;
    }

    /** Writes a model of the given shape; the same shape always gives the same bytes. */
    public static void write(Shape shape, Path file) throws IOException {
        List<String> tokens = vocabulary(shape.vocab());
        GgufWriter gguf = new GgufWriter()
                .string("general.architecture", "llama")
                .string("general.name", "aigw-test-random-llama")
                .uint32("general.alignment", 32)
                .uint32("llama.context_length", shape.contextLen())
                .uint32("llama.embedding_length", shape.dim())
                .uint32("llama.block_count", shape.layers())
                .uint32("llama.feed_forward_length", shape.ffn())
                .uint32("llama.attention.head_count", shape.heads())
                .uint32("llama.attention.head_count_kv", shape.heads())
                .uint32("llama.rope.dimension_count", shape.dim() / shape.heads())
                .float32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .string("tokenizer.ggml.model", "llama")
                .strings("tokenizer.ggml.tokens", tokens)
                .float32s("tokenizer.ggml.scores", scores(tokens.size()))
                .int32s("tokenizer.ggml.token_type", tokenTypes(tokens.size()))
                .uint32("tokenizer.ggml.bos_token_id", 1)
                .uint32("tokenizer.ggml.eos_token_id", EOS)
                .uint32("tokenizer.ggml.unknown_token_id", 0);
        addWeights(gguf, shape);
        gguf.writeTo(file);
    }

    private static List<String> vocabulary(int size) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
        }
        String[] words = "the a and was to he she it they once upon time little big day cat dog girl boy happy sad"
                .split(" ");
        for (int n = 0; tokens.size() < size; n++) {
            tokens.add("\u2581" + (n < words.length ? words[n] : "w" + n));
        }
        return tokens;
    }

    private static float[] scores(int size) {
        float[] scores = new float[size];
        for (int i = FIRST_BYTE_TOKEN + 256; i < size; i++) {
            scores[i] = -i;
        }
        return scores;
    }

    /** 2 unknown, 3 control, 6 byte, 1 normal. */
    private static int[] tokenTypes(int size) {
        int[] types = new int[size];
        Arrays.fill(types, 1);
        types[0] = 2;
        types[1] = 3;
        types[2] = 3;
        Arrays.fill(types, FIRST_BYTE_TOKEN, FIRST_BYTE_TOKEN + 256, 6);
        return types;
    }

    private static void addWeights(GgufWriter gguf, Shape s) {
        SplittableRandom random = new SplittableRandom(SEED);
        gguf.tensor("token_embd.weight", gaussian(random, s.dim()), s.dim(), s.vocab());
        for (int l = 0; l < s.layers(); l++) {
            String p = "blk." + l + ".";
            gguf.tensor(p + "attn_norm.weight", i -> 1, s.dim())
                    .tensor(p + "attn_q.weight", gaussian(random, s.dim()), s.dim(), s.dim())
                    .tensor(p + "attn_k.weight", gaussian(random, s.dim()), s.dim(), s.dim())
                    .tensor(p + "attn_v.weight", gaussian(random, s.dim()), s.dim(), s.dim())
                    .tensor(p + "attn_output.weight", gaussian(random, s.dim()), s.dim(), s.dim())
                    .tensor(p + "ffn_norm.weight", i -> 1, s.dim())
                    .tensor(p + "ffn_gate.weight", gaussian(random, s.dim()), s.dim(), s.ffn())
                    .tensor(p + "ffn_up.weight", gaussian(random, s.dim()), s.dim(), s.ffn())
                    .tensor(p + "ffn_down.weight", gaussian(random, s.ffn()), s.ffn(), s.dim());
        }
        gguf.tensor("output_norm.weight", i -> 1, s.dim());
        float[] output = materialised(gaussian(random, s.dim()), s.dim() * s.vocab());
        silence(output, s.dim(), EOS);
        for (int b = 0x80; b < 0x100; b++) {
            silence(output, s.dim(), FIRST_BYTE_TOKEN + b);
        }
        gguf.tensor("output.weight", i -> output[i], s.dim(), s.vocab());
    }

    /**
     * Gaussian values scaled by 1/sqrt(fan-in), from a generator split off now so that every tensor gets the same
     * numbers whatever order the writer asks in; the writer asks once per element, in order.
     */
    private static IntToDoubleFunction gaussian(SplittableRandom random, int fanIn) {
        return new IntToDoubleFunction() {
            private final double scale = 1 / Math.sqrt(fanIn);
            private final SplittableRandom own = random.split();

            @Override
            public double applyAsDouble(int i) {
                return own.nextGaussian() * scale;
            }
        };
    }

    private static float[] materialised(IntToDoubleFunction values, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) values.applyAsDouble(i);
        }
        return out;
    }

    /** Zeroes a token's output row, so its logit is always 0. */
    private static void silence(float[] output, int dim, int token) {
        Arrays.fill(output, token * dim, (token + 1) * dim, 0f);
    }

    /** Writes the {@link #TINY} model to the file named by the first argument (for integration-test builds). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GgufFixture <file.gguf>");
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        write(TINY, file);
    }
}
