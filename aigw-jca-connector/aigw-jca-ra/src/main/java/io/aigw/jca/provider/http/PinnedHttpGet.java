package io.aigw.jca.provider.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET connected to an address that was checked beforehand, so that the name cannot resolve elsewhere
 * between the check and the connection (DNS rebinding), or through the connection's {@link EgressProxy} (an absolute
 * URL for HTTP, a {@code CONNECT} tunnel for HTTPS; the proxy then resolves the name itself). TLS verifies the
 * certificate against the URL's host name. Enforces a deadline over the whole exchange and a cap on the body.
 */
final class PinnedHttpGet {

    /** What came back: status, lower-case header names, body (empty unless 200). */
    record Response(int status, Map<String, String> headers, byte[] body) {
    }

    /** The body went over the cap. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("image larger than the limit");
        }
    }

    private static final int MAX_HEADER_BYTES = 32 * 1024;

    private PinnedHttpGet() {
    }

    static Response get(URI uri, InetAddress address, long maxBytes, long deadlineNanos) throws IOException {
        return get(uri, address, EgressProxy.NONE, maxBytes, deadlineNanos);
    }

    /** The GET, straight to {@code address}, or through {@code proxy} when it applies to the URL's host. */
    static Response get(URI uri, InetAddress address, EgressProxy proxy, long maxBytes, long deadlineNanos)
            throws IOException {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        // URI.getHost() keeps an IPv6 literal's brackets: right for the Host header, not for TLS
        String host = uri.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean proxied = proxy.appliesTo(host);
        try (Socket plain = new Socket()) {
            plain.setSoTimeout(remainingMillis(deadlineNanos));
            if (proxied) {
                plain.connect(new InetSocketAddress(proxy.host(), proxy.port()), remainingMillis(deadlineNanos));
                if (tls) {
                    tunnel(plain, host + ":" + port, proxy, deadlineNanos);
                }
            } else {
                plain.connect(new InetSocketAddress(address, port), remainingMillis(deadlineNanos));
            }
            Socket socket = tls ? startTls(plain, bareHost, port) : plain;
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            OutputStream out = socket.getOutputStream();
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            boolean absolute = proxied && !tls;
            String target = absolute ? "http://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path : path;
            String proxyAuth = absolute && proxy.authorization() != null
                    ? "Proxy-Authorization: " + proxy.authorization() + "\r\n" : "";
            String request = "GET " + target + " HTTP/1.1\r\n" + proxyAuth + "Host: " + host
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "\r\nUser-Agent: aigw-image-fetch\r\n"
                    + "Accept: image/*\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new DeadlineInputStream(new BufferedInputStream(socket.getInputStream()), socket,
                    deadlineNanos);
            int status = parseStatus(readLine(in));
            Map<String, String> headers = readHeaders(in);
            if (status != 200) {
                return new Response(status, headers, new byte[0]);
            }
            return new Response(status, headers, readBody(in, headers, maxBytes));
        }
    }

    /** Opens a {@code CONNECT} tunnel to {@code authority} through the proxy the socket is connected to. */
    private static void tunnel(Socket socket, String authority, EgressProxy proxy, long deadlineNanos)
            throws IOException {
        String auth = proxy.authorization() == null ? "" : "Proxy-Authorization: " + proxy.authorization() + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n" + auth + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new DeadlineInputStream(socket.getInputStream(), socket, deadlineNanos);
        int status = parseStatus(readLine(in));
        readHeaders(in);
        if (status != 200) {
            throw new IOException("the proxy refused the tunnel with HTTP " + status);
        }
    }

    private static Socket startTls(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !Character.isDigit(host.charAt(host.length() - 1))) {
            params.setServerNames(java.util.List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        return ssl;
    }

    private static int parseStatus(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line");
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            total += line.length();
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("response headers too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers, long maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            for (long size = chunkSize(readLine(in)); size > 0; size = chunkSize(readLine(in))) {
                copy(in, body, size, maxBytes);
                readLine(in);
            }
            return body.toByteArray();
        }
        String length = headers.get("content-length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length");
            }
            if (declared > maxBytes) {
                throw new TooLargeException();
            }
            copy(in, body, declared, maxBytes);
            return body.toByteArray();
        }
        copy(in, body, Long.MAX_VALUE, maxBytes);
        return body.toByteArray();
    }

    private static long chunkSize(String line) throws IOException {
        int semicolon = line.indexOf(';');
        try {
            return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size");
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long count, long maxBytes) throws IOException {
        byte[] buf = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                if (count == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("connection closed before the end of the body");
            }
            out.write(buf, 0, n);
            left -= n;
            if (out.size() > maxBytes) {
                throw new TooLargeException();
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the response head");
            }
            if (line.length() > MAX_HEADER_BYTES) {
                throw new IOException("response line too long");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("image fetch took too long");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** Shrinks the socket's read timeout to what is left before the deadline before every read. */
    private static final class DeadlineInputStream extends java.io.FilterInputStream {
        private final Socket socket;
        private final long deadlineNanos;

        DeadlineInputStream(InputStream in, Socket socket, long deadlineNanos) {
            super(in);
            this.socket = socket;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            return super.read(b, off, len);
        }
    }
}
