package io.aigw.jca.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Writes a GGUF v3 file (little-endian): metadata key/values, then F32 tensors, each aligned to 32 bytes. Tensor
 * dimensions are given innermost first, as GGUF stores them.
 */
public final class GgufWriter {

    private static final int ALIGNMENT = 32;
    private static final int TYPE_UINT32 = 4;
    private static final int TYPE_INT32 = 5;
    private static final int TYPE_FLOAT32 = 6;
    private static final int TYPE_STRING = 8;
    private static final int TYPE_ARRAY = 9;
    private static final int TENSOR_F32 = 0;

    private record Tensor(String name, long[] dims, IntToDoubleFunction values) {
        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        long paddedBytes() {
            return (elements() * 4 + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        }
    }

    private final ByteArrayOutputStream metadata = new ByteArrayOutputStream();
    private final List<Tensor> tensors = new ArrayList<>();
    private int keyValues;

    public GgufWriter string(String key, String value) {
        key(key, TYPE_STRING);
        writeString(metadata, value);
        return this;
    }

    public GgufWriter uint32(String key, long value) {
        key(key, TYPE_UINT32);
        metadata.writeBytes(le(4).putInt((int) value).array());
        return this;
    }

    public GgufWriter float32(String key, float value) {
        key(key, TYPE_FLOAT32);
        metadata.writeBytes(le(4).putFloat(value).array());
        return this;
    }

    public GgufWriter strings(String key, List<String> values) {
        arrayHeader(key, TYPE_STRING, values.size());
        values.forEach(v -> writeString(metadata, v));
        return this;
    }

    public GgufWriter float32s(String key, float[] values) {
        arrayHeader(key, TYPE_FLOAT32, values.length);
        for (float v : values) {
            metadata.writeBytes(le(4).putFloat(v).array());
        }
        return this;
    }

    public GgufWriter int32s(String key, int[] values) {
        arrayHeader(key, TYPE_INT32, values.length);
        for (int v : values) {
            metadata.writeBytes(le(4).putInt(v).array());
        }
        return this;
    }

    /** Adds an F32 tensor whose element {@code i} (innermost dimension fastest) is {@code values.applyAsDouble(i)}. */
    public GgufWriter tensor(String name, IntToDoubleFunction values, long... dims) {
        tensors.add(new Tensor(name, dims, values));
        return this;
    }

    /** Writes the file. */
    public void writeTo(Path file) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        head.writeBytes(le(4).putInt(3).array());
        head.writeBytes(le(8).putLong(tensors.size()).array());
        head.writeBytes(le(8).putLong(keyValues).array());
        head.writeBytes(metadata.toByteArray());
        long offset = 0;
        for (Tensor t : tensors) {
            writeString(head, t.name());
            head.writeBytes(le(4).putInt(t.dims().length).array());
            for (long d : t.dims()) {
                head.writeBytes(le(8).putLong(d).array());
            }
            head.writeBytes(le(4).putInt(TENSOR_F32).array());
            head.writeBytes(le(8).putLong(offset).array());
            offset += t.paddedBytes();
        }
        int padding = (ALIGNMENT - head.size() % ALIGNMENT) % ALIGNMENT;
        head.writeBytes(new byte[padding]);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(head.toByteArray()));
            for (Tensor t : tensors) {
                ByteBuffer data = le((int) t.paddedBytes());
                for (int i = 0; i < t.elements(); i++) {
                    data.putFloat((float) t.values().applyAsDouble(i));
                }
                data.clear();
                out.write(data);
            }
        }
    }

    private void key(String key, int type) {
        writeString(metadata, key);
        metadata.writeBytes(le(4).putInt(type).array());
        keyValues++;
    }

    private void arrayHeader(String key, int elementType, int length) {
        key(key, TYPE_ARRAY);
        metadata.writeBytes(le(4).putInt(elementType).array());
        metadata.writeBytes(le(8).putLong(length).array());
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(le(8).putLong(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
