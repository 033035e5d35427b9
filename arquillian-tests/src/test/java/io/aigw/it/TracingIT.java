package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.fake.FakeUpstreams;
import io.aigw.it.fake.RecordedRequest;
import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import io.aigw.it.support.OtlpCollector;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing on the real server, exported over OTLP/HTTP to a collector in the test JVM that decodes the protobuf with
 * the official OpenTelemetry classes: the caller's W3C trace context continued, one server span per request and one
 * client span per upstream attempt with the GenAI attributes, the context passed to the upstream, the trace id in the
 * audit record, and no prompt or answer in any span.
 */
class TracingIT extends GatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static OtlpCollector collector;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startCollector() throws Exception {
        collector = new OtlpCollector(Integer.getInteger("aigw.otlp.port"));
    }

    @AfterAll
    static void stopCollector() {
        collector.close();
    }

    @Test
    void aCallersTraceIsContinuedUpstreamAndExportedWithTheGenAiAttributes() {
        String traceId = hex(16);
        String callerSpan = hex(8);
        String providerModel = "gpt-trace-" + run;
        String model = "openai/" + providerModel;
        Keys.Issued key = Keys.user(gateway, "trace-" + run);

        HttpResponse<String> answer = chat(key, model, "00-" + traceId + "-" + callerSpan + "-01", "vendor=abc");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonObject usage = Gateway.json(answer).getJsonObject("usage");

        List<OtlpCollector.Received> spans = collector.await(traceId, 2, WAIT);
        assertThat(spans).hasSize(2);
        OtlpCollector.Received server = kind(spans, Span.SpanKind.SPAN_KIND_SERVER);
        OtlpCollector.Received client = kind(spans, Span.SpanKind.SPAN_KIND_CLIENT);

        assertThat(server.span().getName()).isEqualTo("chat " + model);
        assertThat(server.parentSpanId()).isEqualTo(callerSpan);
        assertThat(server.span().getTraceState()).isEqualTo("vendor=abc");
        assertThat(server.attribute("gen_ai.operation.name")).isEqualTo("chat");
        assertThat(server.attribute("gen_ai.request.model")).isEqualTo(model);
        assertThat(server.attribute("gen_ai.response.model")).isEqualTo(model);
        assertThat(server.attribute("gen_ai.usage.input_tokens")).isEqualTo(Integer.toString(usage.getInt("prompt_tokens")));
        assertThat(server.attribute("gen_ai.usage.output_tokens"))
                .isEqualTo(Integer.toString(usage.getInt("completion_tokens")));
        assertThat(server.attribute("gen_ai.response.finish_reasons")).isEqualTo("[stop]");
        assertThat(server.attribute("http.response.status_code")).isEqualTo("200");
        assertThat(server.attribute("aigw.request_id")).isEqualTo(Gateway.requestId(answer));
        assertThat(server.attribute("aigw.key_id")).isEqualTo(key.id());
        assertThat(server.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
        assertThat(server.span().getEndTimeUnixNano()).isGreaterThan(server.span().getStartTimeUnixNano());

        assertThat(client.span().getName()).isEqualTo("chat " + providerModel);
        assertThat(client.parentSpanId()).isEqualTo(server.spanId());
        assertThat(client.attribute("gen_ai.provider.name")).isEqualTo("openai");
        assertThat(client.attribute("gen_ai.request.model")).isEqualTo(providerModel);
        // what the provider said answered (the client sees it qualified with the connection)
        assertThat(client.attribute("gen_ai.response.model")).isEqualTo(providerModel);
        assertThat(Gateway.json(answer).getString("model")).isEqualTo(model);
        assertThat(client.attribute("gen_ai.usage.input_tokens")).isEqualTo(server.attribute("gen_ai.usage.input_tokens"));
        assertThat(client.attribute("aigw.connection")).isEqualTo("openai");
        assertThat(client.span().getStartTimeUnixNano()).isGreaterThanOrEqualTo(server.span().getStartTimeUnixNano());
        assertThat(client.span().getEndTimeUnixNano()).isLessThanOrEqualTo(server.span().getEndTimeUnixNano());
        assertThat(server.resource().getResource().getAttributesList())
                .anyMatch(kv -> kv.getKey().equals("service.name") && kv.getValue().getStringValue().equals("aigw"));

        // the provider was called under the client span, in the caller's trace
        RecordedRequest upstream = upstreamCall(providerModel);
        assertThat(upstream.header("traceparent")).hasValue("00-" + traceId + "-" + client.spanId() + "-01");
        assertThat(upstream.header("tracestate")).hasValue("vendor=abc");

        // an auditor goes from the record to its trace
        JsonObject trace = audit.row(Gateway.requestId(answer)).getJsonObject("details").getJsonObject("trace");
        assertThat(trace.getString("trace_id")).isEqualTo(traceId);
        assertThat(trace.getString("span_id")).isEqualTo(server.spanId());

        // never the prompt or the answer
        assertThat(spans).allSatisfy(s -> assertThat(s.span().getAttributesList())
                .noneMatch(kv -> kv.getKey().startsWith("gen_ai.input") || kv.getKey().startsWith("gen_ai.output")
                        || kv.getValue().getStringValue().contains("Hello from")));
        assertThat(collector.contentTypes()).allMatch("application/x-protobuf"::equals);
    }

    @Test
    void eachAttemptOfARouteIsAClientSpanAndAFailedOneIsAnError() {
        Keys.Issued key = Keys.user(gateway, "trace-route-" + run);
        String good = "gpt-trace-route-" + run;
        String route = "trace-route-" + run;
        HttpResponse<String> defined = gateway.method("PUT", "/admin/routes/" + route, Gateway.ADMIN_KEY,
                "{\"targets\":[{\"model\":\"openai/fault-500\"},{\"model\":\"openai/" + good + "\"}]}");
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);

        HttpResponse<String> answer = chat(key, route, null, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String traceId = audit.row(Gateway.requestId(answer)).getJsonObject("details").getJsonObject("trace")
                .getString("trace_id");

        List<OtlpCollector.Received> spans = collector.await(traceId, 3, WAIT);
        assertThat(spans).hasSize(3);
        OtlpCollector.Received server = kind(spans, Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(server.span().getParentSpanId().isEmpty()).isTrue();
        assertThat(server.span().getName()).isEqualTo("chat " + route);
        assertThat(server.attribute("aigw.route")).isEqualTo(route);
        assertThat(server.attribute("gen_ai.response.model")).isEqualTo("openai/" + good);

        List<OtlpCollector.Received> attempts = spans.stream()
                .filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
                .sorted((a, b) -> Long.compare(a.span().getStartTimeUnixNano(), b.span().getStartTimeUnixNano()))
                .toList();
        assertThat(attempts).extracting(s -> s.span().getName()).containsExactly("chat fault-500", "chat " + good);
        assertThat(attempts).allMatch(s -> s.parentSpanId().equals(server.spanId()));
        assertThat(attempts.get(0).attribute("error.type")).isEqualTo("provider-failed");
        assertThat(attempts.get(0).span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(attempts.get(1).attribute("error.type")).isNull();
        assertThat(attempts.get(1).span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
        // a new trace, sampled (the gateway exports it): the upstream sees it with the sampled flag
        assertThat(upstreamCall(good).header("traceparent"))
                .hasValue("00-" + traceId + "-" + attempts.get(1).spanId() + "-01");
    }

    @Test
    void aMalformedTraceparentStartsANewTraceAndAStreamRecordsItsFirstChunk() {
        Keys.Issued key = Keys.user(gateway, "trace-stream-" + run);
        String providerModel = "gpt-trace-stream-" + run;
        String zero = "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01";
        HttpResponse<String> answer = gateway.send(Gateway.bearer(gateway.request("/v1/chat/completions"), key.secret())
                .header("Content-Type", "application/json").header("traceparent", zero)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai/" + providerModel + "\",\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        String traceId = audit.row(Gateway.requestId(answer)).getJsonObject("details").getJsonObject("trace")
                .getString("trace_id");
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

        List<OtlpCollector.Received> spans = collector.await(traceId, 2, WAIT);
        assertThat(spans).hasSize(2);
        OtlpCollector.Received server = kind(spans, Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(server.span().getParentSpanId().isEmpty()).isTrue();
        assertThat(Double.parseDouble(server.attribute("aigw.time_to_first_chunk"))).isPositive()
                .isLessThan((server.span().getEndTimeUnixNano() - server.span().getStartTimeUnixNano()) / 1e9);
        OtlpCollector.Received client = kind(spans, Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(client.attribute("gen_ai.usage.output_tokens")).isEqualTo(server.attribute("gen_ai.usage.output_tokens"))
                .isNotNull();
        assertThat(upstreamCall(providerModel).header("traceparent"))
                .hasValue("00-" + traceId + "-" + client.spanId() + "-01");
    }

    private HttpResponse<String> chat(Keys.Issued key, String model, String traceParent, String traceState) {
        HttpRequest.Builder b = Gateway.bearer(gateway.request("/v1/chat/completions"), key.secret())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        if (traceParent != null) {
            b.header("traceparent", traceParent);
        }
        if (traceState != null) {
            b.header("tracestate", traceState);
        }
        return gateway.send(b.build());
    }

    private static RecordedRequest upstreamCall(String providerModel) {
        List<RecordedRequest> calls = FakeUpstreams.openai().requests().stream()
                .filter(r -> r.model().filter(providerModel::equals).isPresent()).toList();
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    private static OtlpCollector.Received kind(List<OtlpCollector.Received> spans, Span.SpanKind kind) {
        List<OtlpCollector.Received> of = spans.stream().filter(s -> s.span().getKind() == kind).toList();
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
