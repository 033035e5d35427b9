package io.aigw.web.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.Jsonp;
import io.aigw.policy.usage.UsageTotals;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The measures of an analytics group or point as JSON. */
class AnalyticsJsonTest {

    private static JsonObject measures(UsageTotals t) {
        return AnalyticsJson.measures(Jsonp.createObjectBuilder(), t).build();
    }

    @Test
    void measuresCarryTokensByTypeCostAsDecimalsAndEstimatedPercentiles() {
        UsageTotals t = new UsageTotals();
        t.add(200, false, false, 100, 20, 40, 5, 8, 60);
        t.add(200, true, false, 50, 10, 0, 0, 0, 180);
        t.add(502, false, false, null, null, null, null, null, 300);
        t.addCost("USD", 1_250_000);
        t.addCost("USD", 500_000);
        t.addUnpriced();
        JsonObject m = measures(t);
        assertThat(m.getInt("requests")).isEqualTo(3);
        assertThat(m.getInt("errors")).isEqualTo(1);
        assertThat(m.getJsonNumber("error_rate").doubleValue()).isEqualTo(1 / 3.0);
        assertThat(m.getJsonObject("tokens").toString()).isEqualTo("{\"input\":150,\"output\":30,\"cached_input\":40,"
                + "\"cache_write\":5,\"reasoning\":8,\"total\":180}");
        assertThat(m.getJsonObject("cost").getString("USD")).isEqualTo("0.00175");
        assertThat(m.getInt("unpriced_requests")).isEqualTo(1);
        JsonObject latency = m.getJsonObject("latency_ms");
        assertThat(latency.getJsonNumber("avg").doubleValue()).isEqualTo(180.0);
        // one request in each of <= 100, (100, 250] and (250, 500]: rank 1.5 is half-way into (100, 250]
        assertThat(latency.getJsonNumber("p50").doubleValue()).isEqualTo(175.0);
        // rank 2.97: 0.97 of the way into (250, 500]
        assertThat(latency.getJsonNumber("p99").doubleValue()).isEqualTo(492.5);
        assertThat(latency.getJsonArray("at_least")).isEmpty();
    }

    @Test
    void percentilesPastTheLastBoundAreNamedAsLowerBoundsAndNoRequestsHaveNone() {
        UsageTotals slow = new UsageTotals();
        slow.add(200, false, false, 1, 1, 0, 0, 0, 20);
        slow.add(200, false, false, 1, 1, 0, 0, 0, 90_000);
        JsonObject latency = measures(slow).getJsonObject("latency_ms");
        assertThat(latency.getJsonNumber("p50").doubleValue()).isEqualTo(100.0);
        assertThat(latency.getJsonNumber("p90").doubleValue()).isEqualTo(60_000.0);
        assertThat(latency.getJsonArray("at_least").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("p90", "p95", "p99");

        JsonObject none = measures(new UsageTotals());
        assertThat(none.getJsonNumber("error_rate").doubleValue()).isZero();
        assertThat(none.getJsonObject("cost")).isEmpty();
        JsonObject empty = none.getJsonObject("latency_ms");
        for (String f : new String[]{"avg", "p50", "p90", "p95", "p99"}) {
            assertThat(empty.isNull(f)).as(f).isTrue();
        }
    }
}
