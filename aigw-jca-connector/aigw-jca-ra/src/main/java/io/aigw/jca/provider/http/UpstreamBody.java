package io.aigw.jca.provider.http;

import io.aigw.codec.json.JsonText;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A request body. Bytes are sent as they are; a JSON document is written straight to the connection as it is
 * serialised, never held as text or bytes, so a body carrying inline images (megabytes of base64) costs no copy of
 * them beyond the document itself. Its length is counted by a first serialisation that keeps nothing.
 */
public interface UpstreamBody {

    /** The length in bytes. */
    long length();

    /** Writes the body to {@code out}. */
    void writeTo(OutputStream out) throws IOException;

    /** The body as bytes (a copy; for signatures and tests, not for sending). */
    default byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, length()));
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The SHA-256 of the body, computed as it is written (nothing kept). */
    default byte[] sha256() {
        try {
            DigestOutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(),
                    MessageDigest.getInstance("SHA-256"));
            writeTo(digest);
            return digest.getMessageDigest().digest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Bytes as they are. */
    static UpstreamBody of(byte[] bytes) {
        return new UpstreamBody() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }

            @Override
            public byte[] bytes() {
                return bytes;
            }
        };
    }

    /** A JSON document, serialised as it is sent. */
    static UpstreamBody json(JsonObject document) {
        long[] counted = {0};
        JsonText.write(document, new OutputStream() {
            @Override
            public void write(int b) {
                counted[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                counted[0] += len;
            }
        });
        long length = counted[0];
        return new UpstreamBody() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) {
                JsonText.write(document, out);
            }
        };
    }
}
