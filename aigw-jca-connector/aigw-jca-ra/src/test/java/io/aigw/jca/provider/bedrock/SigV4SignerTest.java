package io.aigw.jca.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.jca.testsupport.AwsSdkSigV4;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The gateway's SigV4 signer against the AWS SDK for Java v2's signer, same request, time and credentials. */
class SigV4SignerTest {

    private static final String AKID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2024-08-30T12:36:00Z");
    private static final byte[] BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"
            .getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json");
        return h;
    }

    private static String ours(URI uri, Map<String, String> headers, byte[] body, AwsCredentials credentials) {
        return new SigV4Signer("us-east-1", "bedrock").sign("POST", uri, headers, body, credentials, NOW)
                .get("Authorization");
    }

    private static String sdks(URI uri, Map<String, String> headers, byte[] body, String token) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Host", SigV4Signer.hostHeader(uri));
        return AwsSdkSigV4.authorization("POST", uri, all, body, AKID, SECRET, token, "us-east-1", "bedrock", NOW);
    }

    @Test
    void aModelIdWithAColonSignsAsTheSdkSignsIt() {
        URI uri = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
                + SigV4Signer.uriEncode("anthropic.claude-3-5-sonnet-20240620-v1:0", false) + "/converse");

        String authorization = ours(uri, headers(), BODY, new AwsCredentials(AKID, SECRET, null));

        assertThat(uri.getRawPath()).isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
        assertThat(authorization).isEqualTo(sdks(uri, headers(), BODY, null))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240830/us-east-1/bedrock/aws4_request, "
                        + "SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=");
    }

    @Test
    void aQueryStringAndAPortSignAsTheSdkSignsThem() {
        URI uri = URI.create("http://127.0.0.1:9594/model/meta.llama3-8b-instruct-v1%3A0/converse-stream"
                + "?z=last&a=b%20c&a=a&empty=&tilde=~x");

        assertThat(ours(uri, headers(), BODY, new AwsCredentials(AKID, SECRET, null)))
                .isEqualTo(sdks(uri, headers(), BODY, null));
    }

    @Test
    void temporaryCredentialsSignTheSessionTokenAsTheSdkDoes() {
        URI uri = URI.create("https://bedrock-runtime.eu-west-1.amazonaws.com/model/"
                + SigV4Signer.uriEncode("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.x:0",
                false) + "/converse");
        AwsCredentials temporary = AwsCredentials.fromAuthData(AKID, SECRET + ":FwoGZXIvYXdzEJr//token+with/slashes=");

        Map<String, String> signed = new SigV4Signer("us-east-1", "bedrock").sign("POST", uri, headers(), BODY,
                temporary, NOW);

        assertThat(signed).containsEntry("X-Amz-Security-Token", "FwoGZXIvYXdzEJr//token+with/slashes=")
                .containsEntry("X-Amz-Date", "20240830T123600Z");
        assertThat(signed.get("Authorization")).contains("x-amz-security-token")
                .isEqualTo(sdks(uri, headers(), BODY, "FwoGZXIvYXdzEJr//token+with/slashes="));
    }

    @Test
    void anEmptyBodyAndHeaderValuesWithRunsOfSpacesSignAsTheSdkSignsThem() {
        URI uri = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse");
        Map<String, String> headers = headers();
        headers.put("X-Custom", "  a   b  ");

        assertThat(ours(uri, headers, new byte[0], new AwsCredentials(AKID, SECRET, null)))
                .isEqualTo(sdks(uri, headers, new byte[0], null));
    }

    @Test
    void theCanonicalUriEncodesTheSentPathOnceMore() {
        assertThat(SigV4Signer.canonicalUri("/model/a%3Ab/converse")).isEqualTo("/model/a%253Ab/converse");
        assertThat(SigV4Signer.canonicalUri("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(SigV4Signer.canonicalUri("")).isEqualTo("/");
        assertThat(SigV4Signer.canonicalQuery("b=2&a=x%20y&a=1")).isEqualTo("a=1&a=x%20y&b=2");
    }

    @Test
    void theCanonicalRequestHasTheDocumentedLayout() {
        TreeMap<String, String> headers = new TreeMap<>(Map.of("host", "example.amazonaws.com",
                "x-amz-date", "20150830T123600Z"));

        String canonical = SigV4Signer.canonicalRequest("GET", URI.create("https://example.amazonaws.com/"), headers,
                "host;x-amz-date", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        assertThat(canonical).isEqualTo("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void credentialsNeverShowTheirSecrets() {
        assertThat(AwsCredentials.fromAuthData(AKID, SECRET + ":tok").toString()).contains(AKID)
                .doesNotContain(SECRET).doesNotContain("tok");
    }
}
