import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The runtime-alone side of bench/gguf.sh: drives de.kherud:llama exactly as the gateway's local provider does
 * (io.aigw.jca.provider.local.GgufChatModel / ChatPrompt / LocalGeneration), with no gateway around it, and times
 * greedy generations. Run without a build step:
 *
 *   java -cp llama-4.2.0.jar bench/gguf/LlamaAlone.java --model F.gguf [--ctx 256] [--threads 1] [--warmup 5]
 *        [--runs 20] [--max-tokens 128] [--seed 7] [--system TEXT] [--user TEXT] [--out runs.tsv]
 *
 * Per generation, timed from just before the template is applied (the gateway also templates and tokenises the
 * prompt per request): TTFT = until the first generated token's output, total = until the binding's final output,
 * tokens = outputs before that final one (LocalGeneration counts the same way). The last stdout line is a JSON
 * summary. Ends with System.exit, because the binding leaves a non-daemon native thread behind.
 */
public final class LlamaAlone {

    public static void main(String[] args) throws Exception {
        String model = null;
        String system = "You are a cat.";
        String user = "Once upon a time";
        String out = null;
        int ctx = 256;
        int threads = 1;
        int warmup = 5;
        int runs = 20;
        int maxTokens = 128;
        int seed = 7;
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : usage("missing value for " + args[i]);
            switch (args[i]) {
                case "--model" -> model = v;
                case "--ctx" -> ctx = Integer.parseInt(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--max-tokens" -> maxTokens = Integer.parseInt(v);
                case "--seed" -> seed = Integer.parseInt(v);
                case "--system" -> system = v;
                case "--user" -> user = v;
                case "--out" -> out = v;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (model == null || runs < 1) {
            usage("--model is required and --runs must be at least 1");
        }
        int code = 1;
        try {
            code = run(model, system, user, out, ctx, threads, warmup, runs, maxTokens, seed);
        } catch (Throwable t) {
            t.printStackTrace();
        } finally {
            System.out.flush();
            System.exit(code);
        }
    }

    private static int run(String file, String system, String user, String out, int ctx, int threads, int warmup,
            int runs, int maxTokens, int seed) throws Exception {
        long loadStart = System.nanoTime();
        // the gateway's GgufChatModel.load() with inferenceSlots = 1 (AIGW_LOCAL_MAX_POOL_SIZE=1). Like the gateway it
        // leaves gpu layers at the default: the binding's native library is a CPU build (setGpuLayers(0) only makes
        // llama.cpp print that it ignores the option)
        ModelParameters parameters = new ModelParameters()
                .setModel(file)
                .setParallel(1)
                .setCtxSize(ctx)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .disableLog();
        LlamaModel model = new LlamaModel(parameters);
        long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
        System.err.printf("[alone] loaded %s in %d ms (ctx %d, threads %d, parallel 1)%n", file, loadMs, ctx, threads);
        // ChatPrompt.messagesOf: the system text and the user turn in the binding's form
        InferenceParameters messages = new InferenceParameters("")
                .setMessages(system, List.of(new Pair<>("user", user)));

        List<long[]> measured = new ArrayList<>();
        String firstText = null;
        int promptTokens = 0;
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            String prompt = model.applyTemplate(messages);
            promptTokens = model.encode(prompt).length;
            int limit = Math.max(1, Math.min(maxTokens, ctx - promptTokens));
            // LocalGeneration.parameters: n_predict, temperature, and with a seed no prompt cache
            InferenceParameters p = new InferenceParameters(prompt).setNPredict(limit).setTemperature(0f)
                    .setSeed(seed).setCachePrompt(false);
            LlamaIterator outputs = model.generate(p).iterator();
            StringBuilder text = new StringBuilder();
            long first = 0;
            int tokens = 0;
            while (outputs.hasNext()) {
                LlamaOutput o = outputs.next();
                if (!outputs.hasNext()) {
                    break;
                }
                if (tokens == 0) {
                    first = System.nanoTime();
                }
                tokens++;
                text.append(o.text);
            }
            long end = System.nanoTime();
            long[] r = {i < warmup ? 1 : 0, tokens, first - start, end - start, promptTokens};
            if (i >= warmup) {
                measured.add(r);
                if (firstText == null) {
                    firstText = text.toString();
                } else if (!firstText.contentEquals(text)) {
                    System.err.println("[alone] WARNING: run " + (i - warmup + 1) + " generated a different text");
                }
            }
            System.err.printf("[alone] %s %2d: %d tokens, ttft %.1f ms, total %.1f ms, %.1f tok/s%n",
                    i < warmup ? "warm-up" : "run    ", i < warmup ? i + 1 : i - warmup + 1, tokens,
                    (first - start) / 1e6, (end - start) / 1e6, tokens / ((end - start) / 1e9));
        }

        double[] tps = new double[runs];
        double[] ttft = new double[runs];
        double[] decode = new double[runs];
        double[] total = new double[runs];
        double[] tokens = new double[runs];
        for (int i = 0; i < runs; i++) {
            long[] r = measured.get(i);
            tokens[i] = r[1];
            ttft[i] = r[2] / 1e6;
            total[i] = r[3] / 1e6;
            tps[i] = r[1] / (r[3] / 1e9);
            decode[i] = r[1] > 1 ? (r[1] - 1) / ((r[3] - r[2]) / 1e9) : 0;
        }
        if (out != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out)))) {
                w.println("run\ttokens\tttft_ms\ttotal_ms\ttok_per_s\tdecode_tok_per_s");
                for (int i = 0; i < runs; i++) {
                    w.printf("%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f%n", i + 1, (long) tokens[i], ttft[i], total[i], tps[i],
                            decode[i]);
                }
            }
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(firstText.getBytes(StandardCharsets.UTF_8)));
        System.out.printf("{\"side\":\"alone\",\"runs\":%d,\"warmup\":%d,\"prompt_tokens\":%d,\"tokens_median\":%.0f,"
                        + "\"tps_median\":%.3f,\"ttft_ms_median\":%.3f,\"total_ms_median\":%.3f,"
                        + "\"decode_tps_median\":%.3f,\"tps_min\":%.3f,\"tps_max\":%.3f,\"load_ms\":%d,"
                        + "\"text_sha256\":\"%s\"}%n",
                runs, warmup, promptTokens, median(tokens), median(tps), median(ttft), median(total), median(decode),
                Arrays.stream(tps).min().orElse(0), Arrays.stream(tps).max().orElse(0), loadMs, sha);
        model.close();
        return 0;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String usage(String why) {
        System.err.println("LlamaAlone: " + why);
        System.err.println("usage: LlamaAlone --model F.gguf [--ctx 256] [--threads 1] [--warmup 5] [--runs 20]"
                + " [--max-tokens 128] [--seed 7] [--system TEXT] [--user TEXT] [--out runs.tsv]");
        System.exit(2);
        return null;
    }
}
