package io.aigw.policy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void countersAreWrittenSortedWithEscapedLabelsAndEmptyLabelsLeftOut() {
        MetricFamily<LongAdder> requests = MetricFamily.counter("aigw_requests_total", "Requests.\nAll of them.",
                10, "route", "status");
        requests.series("b", "200").add(2);
        requests.series("a\"quoted\\\n", "500").increment();
        requests.series(null, "404").increment();

        assertThat(new PrometheusText().add(requests).toString()).isEqualTo("""
                # HELP aigw_requests_total Requests.\\nAll of them.
                # TYPE aigw_requests_total counter
                aigw_requests_total{status="404"} 1
                aigw_requests_total{route="a\\"quoted\\\\\\n",status="500"} 1
                aigw_requests_total{route="b",status="200"} 2
                """);
    }

    @Test
    void histogramsAreCumulativeWithInfSumAndCount() {
        MetricFamily<Histogram> h = MetricFamily.histogram("gen_ai_client_token_usage", "Tokens.",
                new double[]{1, 4, 16}, 10, "gen_ai_token_type");
        Histogram input = h.series("input");
        input.observe(1);
        input.observe(3);
        input.observe(4);
        input.observe(100);

        assertThat(new PrometheusText().add(h).toString()).isEqualTo("""
                # HELP gen_ai_client_token_usage Tokens.
                # TYPE gen_ai_client_token_usage histogram
                gen_ai_client_token_usage_bucket{gen_ai_token_type="input",le="1"} 1
                gen_ai_client_token_usage_bucket{gen_ai_token_type="input",le="4"} 3
                gen_ai_client_token_usage_bucket{gen_ai_token_type="input",le="16"} 3
                gen_ai_client_token_usage_bucket{gen_ai_token_type="input",le="+Inf"} 4
                gen_ai_client_token_usage_sum{gen_ai_token_type="input"} 108
                gen_ai_client_token_usage_count{gen_ai_token_type="input"} 4
                """);
    }

    @Test
    void fractionalBoundsAndValuesArePlainDecimals() {
        MetricFamily<Histogram> h = MetricFamily.histogram("d_seconds", "D.", new double[]{0.001, 0.25}, 10);
        h.series().observe(0.0005);

        assertThat(new PrometheusText().add(h).toString()).contains("d_seconds_bucket{le=\"0.001\"} 1\n",
                "d_seconds_bucket{le=\"0.25\"} 1\n", "d_seconds_sum 0.0005\n", "d_seconds_count 1\n");
        assertThat(PrometheusText.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }

    @Test
    void gaugesAreReadWhenWrittenAndLeftOutWhenEmpty() {
        int[] depth = {3};
        GaugeFamily queue = new GaugeFamily(MetricType.GAUGE, "aigw_audit_queue_depth", "Queued.", List.of(),
                () -> List.of(new GaugeSample(List.of(), depth[0])));
        GaugeFamily none = new GaugeFamily(MetricType.GAUGE, "aigw_pool_pending", "Pending.", List.of("connection"),
                List::of);
        depth[0] = 7;

        assertThat(new PrometheusText().add(queue).add(none).toString()).isEqualTo("""
                # HELP aigw_audit_queue_depth Queued.
                # TYPE aigw_audit_queue_depth gauge
                aigw_audit_queue_depth 7
                """);
    }
}
