package io.aigw.jca.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.HttpEntity;
import org.junit.jupiter.api.Test;

/** A JSON body is serialised onto the connection as it is sent: the same bytes, its length known, nothing kept. */
class UpstreamBodyTest {

    private static final JsonObject DOCUMENT = Jsonp.createObjectBuilder()
            .add("contents", Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder()
                    .add("text", "Grüße, 世界 \"quoted\" \n")
                    .add("inlineData", Jsonp.createObjectBuilder().add("mimeType", "image/png")
                            .add("data", Base64.getEncoder().encodeToString(new byte[300_000])))))
            .build();

    @Test
    void aJsonBodyIsTheDocumentsUtf8TextWithItsLengthAndHash() throws Exception {
        byte[] text = JsonText.write(DOCUMENT).getBytes(StandardCharsets.UTF_8);
        UpstreamBody body = UpstreamBody.json(DOCUMENT);
        assertThat(body.length()).isEqualTo(text.length);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        body.writeTo(sent);
        assertThat(sent.toByteArray()).isEqualTo(text);
        assertThat(body.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(text));
        // writing it twice gives the same bytes (the client may send a repeatable entity again)
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        body.writeTo(again);
        assertThat(again.toByteArray()).isEqualTo(text);
    }

    @Test
    void theClientSendsItAsAnEntityOfKnownLengthWrittenOnTheConnection() throws Exception {
        UpstreamRequest request = UpstreamRequest.to(URI.create("http://127.0.0.1:1/v1beta/models/x:generateContent"))
                .header("Content-Type", "application/json").post(UpstreamBody.json(DOCUMENT));
        HttpUriRequestBase out = BlockingExchange.request(request);
        HttpEntity entity = out.getEntity();
        byte[] text = JsonText.write(DOCUMENT).getBytes(StandardCharsets.UTF_8);
        assertThat(entity.getContentLength()).isEqualTo(text.length);
        assertThat(entity.isChunked()).isFalse();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        entity.writeTo(written);
        assertThat(written.toByteArray()).isEqualTo(text);
    }

    @Test
    void bytesAreSentAsTheyAre() {
        byte[] bytes = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        UpstreamBody body = UpstreamBody.of(bytes);
        assertThat(body.length()).isEqualTo(7);
        assertThat(body.bytes()).isSameAs(bytes);
    }
}
