package io.aigw.it.fake;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks a request's SigV4 {@code Authorization} header the way Bedrock does, by recomputing it with the AWS SDK for
 * Java v2's signer over the headers the request names as signed, its raw path and query, its body and its
 * {@code X-Amz-Date}. Accepts only {@link FakeBedrockServer#ACCESS_KEY_ID} in {@link FakeBedrockServer#REGION}
 * for service {@code bedrock}.
 */
final class BedrockSignatureCheck {

    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/"
            + "([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private BedrockSignatureCheck() {
    }

    /** Throws the {@link BedrockError} Bedrock would answer unless the request is signed correctly. */
    static void verify(RecordedRequest request, String rawPath, String rawQuery, byte[] body) {
        String authorization = request.header("Authorization").orElse("");
        if (authorization.isEmpty()) {
            throw new BedrockError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            throw new BedrockError(400, "IncompleteSignatureException", "Authorization header requires "
                    + "'Credential', 'Signature' and 'SignedHeaders' parameters.");
        }
        if (!m.group(1).equals(FakeBedrockServer.ACCESS_KEY_ID)) {
            throw new BedrockError(403, "UnrecognizedClientException", "The security token included in the request "
                    + "is invalid.");
        }
        if (!m.group(3).equals(FakeBedrockServer.REGION) || !m.group(4).equals("bedrock")) {
            throw new BedrockError(403, "InvalidSignatureException", "Credential should be scoped to a valid region "
                    + "and service.");
        }
        Instant signedAt = signingTime(request);
        SdkHttpRequest.Builder sdk = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(URI.create("http://" + request.header("Host").orElse("127.0.0.1")))
                .encodedPath(rawPath);
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                sdk.appendRawQueryParameter(decode(eq < 0 ? pair : pair.substring(0, eq)),
                        eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        for (String name : m.group(5).split(";")) {
            sdk.putHeader(name, request.header(name).orElseThrow(() -> new BedrockError(403,
                    "InvalidSignatureException", "Signed header '" + name + "' is missing.")));
        }
        String token = request.header("X-Amz-Security-Token").orElse(null);
        AwsCredentialsIdentity identity = token == null
                ? AwsCredentialsIdentity.create(FakeBedrockServer.ACCESS_KEY_ID, FakeBedrockServer.SECRET_ACCESS_KEY)
                : AwsSessionCredentialsIdentity.create(FakeBedrockServer.ACCESS_KEY_ID,
                        FakeBedrockServer.SECRET_ACCESS_KEY, token);
        String expected = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(sdk.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, FakeBedrockServer.REGION)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElse("");
        if (!expected.equals(authorization)) {
            throw new BedrockError(403, "InvalidSignatureException", "The request signature we calculated does not "
                    + "match the signature you provided. Check your AWS Secret Access Key and signing method.");
        }
    }

    private static Instant signingTime(RecordedRequest request) {
        try {
            return Instant.from(AMZ_DATE.parse(request.header("X-Amz-Date").orElse("")));
        } catch (DateTimeParseException e) {
            throw new BedrockError(400, "IncompleteSignatureException", "X-Amz-Date is missing or malformed.");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
