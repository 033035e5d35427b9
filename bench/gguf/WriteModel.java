import io.aigw.jca.testsupport.GgufFixture;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a random-weight llama GGUF of a chosen shape with the test fixture of aigw-jca-ra (F32 weights from a fixed
 * seed, SentencePiece vocabulary with byte fallback; the same shape always gives the same bytes). Run without a build
 * step, with the aigw-jca-ra test jar on the class path:
 *
 *   java -cp aigw-jca-ra-0.1.0-SNAPSHOT-tests.jar bench/gguf/WriteModel.java FILE DIM LAYERS HEADS FFN VOCAB CTX
 */
public final class WriteModel {

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: WriteModel <file.gguf> <dim> <layers> <heads> <ffn> <vocab> <context length>");
            System.exit(2);
        }
        int[] n = new int[6];
        for (int i = 0; i < 6; i++) {
            n[i] = Integer.parseInt(args[i + 1]);
        }
        if (n[0] % n[2] != 0 || n[4] < 259) {
            System.err.println("dim must be a multiple of heads, and vocab at least 259");
            System.exit(2);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        GgufFixture.Shape shape = new GgufFixture.Shape(n[0], n[1], n[2], n[3], n[4], n[5]);
        long start = System.nanoTime();
        GgufFixture.write(shape, file);
        long params = (long) n[4] * n[0] * 2 + (long) n[1] * (4L * n[0] * n[0] + 3L * n[0] * n[3] + 2L * n[0]) + n[0];
        System.out.printf("wrote %s: %s, %d parameters, %d bytes, in %d ms%n", file, shape, params, Files.size(file),
                (System.nanoTime() - start) / 1_000_000);
    }
}
