package io.aigw.jca.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PinnedHttpGetTest {

    @Test
    void anIpv6LiteralIsSentInOnePairOfBrackets() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        try (ServerSocket server = new ServerSocket(0, 1, loopback6)) {
            int port = server.getLocalPort();
            CompletableFuture<List<String>> head = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    List<String> lines = new ArrayList<>();
                    for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
                        lines.add(l);
                    }
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return lines;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            PinnedHttpGet.Response r = PinnedHttpGet.get(URI.create("http://[::1]:" + port + "/x.png"), loopback6,
                    1024, System.nanoTime() + Duration.ofSeconds(5).toNanos());
            assertThat(r.status()).isEqualTo(404);
            assertThat(head.get(5, TimeUnit.SECONDS)).contains("Host: [::1]:" + port);
        }
    }
}
