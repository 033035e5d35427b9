package io.aigw.policy.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the encoder writes, read back with the official OpenTelemetry proto classes. */
class OtlpTraceEncoderTest {

    @Test
    void spansDecodeWithTheOfficialClasses() throws Exception {
        SpanRecord server = new SpanRecord("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                "a3ce929d0e0e4736", "vendor=abc", "chat fast", SpanRecord.SERVER, 1_700_000_000_000_000_000L);
        server.attribute("gen_ai.operation.name", "chat").attribute("gen_ai.usage.input_tokens", 12L)
                .attribute("aigw.time_to_first_chunk", 0.25).attribute("aigw.cached", true)
                .attribute("gen_ai.response.finish_reasons", List.of("stop", "length"))
                .attribute("skipped", null);
        server.end(1_700_000_000_500_000_000L);
        SpanRecord client = new SpanRecord("4bf92f3577b34da6a3ce929d0e0e4736", "1111111111111111",
                "00f067aa0ba902b7", null, "chat gpt-4o", SpanRecord.CLIENT, 1_700_000_000_100_000_000L);
        client.attribute("error.type", "provider-failed").error("upstream 500");
        client.end(1_700_000_000_200_000_000L);
        Map<String, String> resource = new LinkedHashMap<>();
        resource.put("service.name", "aigw");
        resource.put("service.instance.id", "node-1");

        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(
                OtlpTraceEncoder.encode(resource, "1.0", List.of(server, client)));

        assertThat(request.getResourceSpansCount()).isEqualTo(1);
        ResourceSpans rs = request.getResourceSpans(0);
        assertThat(rs.getResource().getAttributesList()).extracting(KeyValue::getKey)
                .containsExactly("service.name", "service.instance.id");
        assertThat(rs.getScopeSpans(0).getScope().getName()).isEqualTo("io.aigw");
        assertThat(rs.getScopeSpans(0).getScope().getVersion()).isEqualTo("1.0");
        List<Span> spans = rs.getScopeSpans(0).getSpansList();
        assertThat(spans).hasSize(2);

        Span s = spans.get(0);
        assertThat(HexFormat.of().formatHex(s.getTraceId().toByteArray())).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(HexFormat.of().formatHex(s.getSpanId().toByteArray())).isEqualTo("00f067aa0ba902b7");
        assertThat(HexFormat.of().formatHex(s.getParentSpanId().toByteArray())).isEqualTo("a3ce929d0e0e4736");
        assertThat(s.getTraceState()).isEqualTo("vendor=abc");
        assertThat(s.getName()).isEqualTo("chat fast");
        assertThat(s.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(s.getStartTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(s.getEndTimeUnixNano()).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(s.getAttributesList()).extracting(KeyValue::getKey).containsExactly("gen_ai.operation.name",
                "gen_ai.usage.input_tokens", "aigw.time_to_first_chunk", "aigw.cached",
                "gen_ai.response.finish_reasons");
        assertThat(s.getAttributes(0).getValue().getStringValue()).isEqualTo("chat");
        assertThat(s.getAttributes(1).getValue().getIntValue()).isEqualTo(12);
        assertThat(s.getAttributes(2).getValue().getDoubleValue()).isEqualTo(0.25);
        assertThat(s.getAttributes(3).getValue().getBoolValue()).isTrue();
        assertThat(s.getAttributes(4).getValue().getArrayValue().getValuesList())
                .extracting(v -> v.getStringValue()).containsExactly("stop", "length");
        assertThat(s.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);

        Span c = spans.get(1);
        assertThat(c.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(c.getTraceState()).isEmpty();
        assertThat(c.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(c.getStatus().getMessage()).isEqualTo("upstream 500");
    }

    @Test
    void anEndBeforeTheStartIsClampedToTheStart() {
        SpanRecord s = new SpanRecord("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null, null, "x",
                SpanRecord.SERVER, 100);
        s.end(50);
        assertThat(s.endEpochNanos).isEqualTo(100);
    }
}
