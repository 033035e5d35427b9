package io.aigw.jca.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A small HTTP forward proxy for tests: forwards absolute-URL requests to their origin (one request per connection),
 * answers {@code CONNECT} with a fixed status, and can require Basic credentials (407 until they are sent). Records
 * each request head it receives.
 */
final class ForwardProxy implements AutoCloseable {

    final List<String> heads = Collections.synchronizedList(new ArrayList<>());
    private final ServerSocket server;
    private final String requiredAuthorization;
    private final int connectStatus;

    ForwardProxy(String requiredAuthorization, int connectStatus) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        this.connectStatus = connectStatus;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "forward-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The request lines received, in order. */
    List<String> requestLines() {
        synchronized (heads) {
            return heads.stream().map(h -> h.substring(0, h.indexOf("\r\n"))).toList();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "forward-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                heads.add(head);
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                String auth = header(head, "proxy-authorization");
                if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
                    drainBody(in, head);
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                if (requestLine.startsWith("CONNECT ")) {
                    out.write(("HTTP/1.1 " + connectStatus + " Tunnel\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                forward(head, requestLine, in, out);
                return;
            }
        } catch (IOException e) {
            // the test client went away
        }
    }

    private static void forward(String head, String requestLine, InputStream in, OutputStream out) throws IOException {
        String[] parts = requestLine.split(" ");
        URI target = URI.create(parts[1]);
        byte[] body = drainBody(in, head);
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        StringBuilder rewritten = new StringBuilder(parts[0] + " " + path + " HTTP/1.1\r\n");
        for (String line : head.substring(head.indexOf("\r\n") + 2).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (!line.isEmpty() && !lower.startsWith("proxy-") && !lower.startsWith("connection:")) {
                rewritten.append(line).append("\r\n");
            }
        }
        rewritten.append("Connection: close\r\n\r\n");
        try (Socket origin = new Socket(target.getHost(), target.getPort())) {
            origin.getOutputStream().write(rewritten.toString().getBytes(StandardCharsets.US_ASCII));
            origin.getOutputStream().write(body);
            origin.getOutputStream().flush();
            origin.getInputStream().transferTo(out);
            out.flush();
        }
    }

    private static byte[] drainBody(InputStream in, String head) throws IOException {
        String length = header(head, "content-length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.trim()));
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
