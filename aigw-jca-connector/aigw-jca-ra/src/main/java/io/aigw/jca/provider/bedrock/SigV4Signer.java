package io.aigw.jca.provider.bedrock;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs HTTP requests with AWS Signature Version 4 (header form, {@code AWS4-HMAC-SHA256}) for one region and
 * service, following AWS's "Create a signed AWS API request" steps: canonical request, string to sign, derived
 * signing key, signature. The canonical URI is the request's (already encoded) path with dot segments removed, encoded
 * once more, as every service but S3 requires (a model id {@code a:b} travels as {@code a%3Ab} and is signed as
 * {@code a%253Ab}). Thread-safe.
 */
public final class SigV4Signer {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String region;
    private final String service;

    /**
     * @param region  the signing region, e.g. {@code us-east-1}
     * @param service the signing name of the service, e.g. {@code bedrock}
     */
    public SigV4Signer(String region, String service) {
        this.region = region;
        this.service = service;
    }

    /**
     * The headers that sign a request: {@code X-Amz-Date}, {@code X-Amz-Content-Sha256} (the payload hash, which the
     * AWS SDKs send too), {@code X-Amz-Security-Token} for temporary credentials, and {@code Authorization}. The
     * signature covers {@code host} (taken from the URI, as an HTTP/1.1 client sends it), those {@code x-amz-*}
     * headers and every header in {@code headers}.
     *
     * @param method  the HTTP method
     * @param uri     the request URI exactly as it is sent (path and query already percent-encoded)
     * @param headers further headers to sign, as sent
     * @param payload the request body (empty for none)
     * @param now     the signing time
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] payload,
                                    AwsCredentials credentials, Instant now) {
        return signHashed(method, uri, headers, sha256(payload), credentials, now);
    }

    /**
     * As {@link #sign}, with the body's SHA-256 computed by the caller (a body serialised as it is sent, which is
     * never held in memory whole).
     */
    public Map<String, String> signHashed(String method, URI uri, Map<String, String> headers, byte[] payloadSha256,
                                          AwsCredentials credentials, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        String payloadHash = hex(payloadSha256);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Date", amzDate);
        added.put("X-Amz-Content-Sha256", payloadHash);
        if (credentials.sessionToken() != null) {
            added.put("X-Amz-Security-Token", credentials.sessionToken());
        }
        TreeMap<String, String> signed = new TreeMap<>();
        signed.put("host", hostHeader(uri));
        headers.forEach((k, v) -> signed.put(k.toLowerCase(Locale.ROOT), v));
        added.forEach((k, v) -> signed.put(k.toLowerCase(Locale.ROOT), v));
        String signedHeaders = String.join(";", signed.keySet());
        String canonical = canonicalRequest(method, uri, signed, signedHeaders, payloadHash);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(utf8(canonical)));
        String signature = hex(hmac(signingKey(credentials.secretAccessKey(), date), stringToSign));
        added.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return added;
    }

    /** The canonical request: method, URI, query, headers, signed header names and payload hash, one per line. */
    static String canonicalRequest(String method, URI uri, TreeMap<String, String> headers, String signedHeaders,
                                   String payloadHash) {
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(trimAll(v)).append('\n'));
        return method + "\n" + canonicalUri(uri.getRawPath()) + "\n" + canonicalQuery(uri.getRawQuery()) + "\n"
                + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
    }

    /** The path with dot segments removed, each segment URI-encoded again; {@code /} for an empty path. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String normalized = URI.create("http://h" + rawPath).normalize().getRawPath();
        return uriEncode(normalized.isEmpty() ? "/" : normalized, true);
    }

    /** Parameters sorted by encoded name, then value; each name and value URI-encoded (after decoding the raw form). */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new String[] {uriEncode(percentDecode(name), false), uriEncode(percentDecode(value), false)});
        }
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        params.forEach(p -> joined.add(p[0] + "=" + p[1]));
        return String.join("&", joined);
    }

    /** The {@code Host} header an HTTP/1.1 client sends for a URI: the port only when it is not the scheme's. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /**
     * URI-encodes per SigV4: every byte of the UTF-8 form except the unreserved characters {@code A-Z a-z 0-9 - _ . ~}
     * (and {@code /} if kept) becomes {@code %XX} with upper-case hex.
     */
    static String uriEncode(String s, boolean keepSlash) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : utf8(s)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] bytes = utf8(s);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && Character.digit(bytes[i + 1], 16) >= 0
                    && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Trims a header value and folds each run of spaces inside it into one. */
    private static String trimAll(String v) {
        return v.trim().replaceAll(" +", " ");
    }

    private byte[] signingKey(String secret, String date) {
        byte[] kDate = hmac(utf8("AWS4" + secret), date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, service);
        return hmac(kService, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(utf8(data));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
