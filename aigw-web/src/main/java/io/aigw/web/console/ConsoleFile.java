package io.aigw.web.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * One console file held in memory: its bytes, a gzip copy when that is worth sending, its media type and its entity
 * tag (a digest of the bytes).
 *
 * @param path  its path under the console's folder ({@code app.js}, {@code pages/keys.js})
 * @param type  its {@code Content-Type}
 * @param bytes its content
 * @param gzip  its content gzipped, or {@code null} when compression would not save anything worth it
 * @param etag  its entity tag, quoted
 */
record ConsoleFile(String path, String type, byte[] bytes, byte[] gzip, String etag) {

    /** Below this, a gzip copy saves less than the round trip it is sent in. */
    private static final int GZIP_FROM = 1024;

    static ConsoleFile of(String path, byte[] bytes) {
        String type = typeOf(path);
        byte[] gz = type.startsWith("text/") || type.startsWith("image/svg") ? gzip(bytes) : null;
        if (gz != null && (bytes.length < GZIP_FROM || gz.length >= bytes.length)) {
            gz = null;
        }
        return new ConsoleFile(path, type, bytes, gz, "\"" + digest(bytes).substring(0, 20) + "\"");
    }

    /** The entity tag of the gzip copy (a different representation, so a different tag). */
    String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String typeOf(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".html")) {
            return "text/html;charset=utf-8";
        }
        if (name.endsWith(".js") || name.endsWith(".mjs")) {
            return "text/javascript;charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css;charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".ico")) {
            return "image/x-icon";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
