package io.aigw.policy.alert;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST of a webhook, connected to the address that was checked ({@link WebhookUrl#resolve}), so the
 * name cannot resolve elsewhere in between; TLS verifies the certificate against the URL's host name. Reads the
 * answer's status and {@code Retry-After}, never its body; never follows a redirect (a 3xx ends the delivery). The
 * whole attempt has one deadline.
 */
final class WebhookPost {

    /**
     * What an attempt came to.
     *
     * @param status     the receiver's HTTP status, or {@code 0} when there was no answer
     * @param retryAfter its {@code Retry-After}, or {@code null}
     * @param error      why there was no answer (no URL, no secret in it), or {@code null}
     */
    record Attempt(int status, Duration retryAfter, String error) {

        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADER_LINES = 100;

    private WebhookPost() {
    }

    static Attempt send(WebhookUrl url, InetAddress address, Map<String, String> headers, byte[] body,
                        Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, url.port()), remainingMillis(deadline));
            Socket socket = url.tls() ? startTls(plain, url.bareHost(), url.port()) : plain;
            socket.setSoTimeout(remainingMillis(deadline));
            StringBuilder head = new StringBuilder("POST ").append(url.target()).append(" HTTP/1.1\r\nHost: ")
                    .append(url.host()).append(url.port() == (url.tls() ? 443 : 80) ? "" : ":" + url.port())
                    .append("\r\nUser-Agent: aigw-webhooks\r\nContent-Type: application/json\r\nContent-Length: ")
                    .append(body.length).append("\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            socket.setSoTimeout(remainingMillis(deadline));
            int status = status(readLine(in));
            String retryAfter = null;
            int lines = 0;
            for (String line = readLine(in); !line.isEmpty() && lines < MAX_HEADER_LINES; line = readLine(in)) {
                lines++;
                socket.setSoTimeout(remainingMillis(deadline));
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("retry-after")) {
                    retryAfter = line.substring(colon + 1).trim();
                }
            }
            return new Attempt(status, RetrySchedule.retryAfter(retryAfter), null);
        } catch (SocketTimeoutException e) {
            return new Attempt(0, null, "no answer within " + timeout);
        } catch (IOException e) {
            return new Attempt(0, null, e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + e.getMessage()));
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

    private static int status(String line) throws IOException {
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

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the response head");
            }
            if (line.length() > MAX_LINE) {
                throw new IOException("response line too long");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("webhook attempt took too long");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
