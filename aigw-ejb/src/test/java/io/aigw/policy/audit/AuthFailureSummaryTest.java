package io.aigw.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.policy.CallContext;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthFailureSummaryTest {

    private static Exchange failed(String id, String address, String path) {
        return new Exchange(Operation.CHAT, new CallContext(id, "aigw-wrong", "POST", path, address), null);
    }

    @Test
    void failuresOfOneAddressInOneSecondBecomeOneEventWithTheirCount() {
        AuthFailureSummary summary = new AuthFailureSummary();
        long second = java.time.Instant.now().getEpochSecond();
        for (int i = 0; i < 5; i++) {
            assertThat(summary.add(failed("r" + i, "10.0.0.1", i % 2 == 0 ? "/v1/chat/completions" : "/v1/models")))
                    .as("nothing is closed while the second lasts").isEmpty();
        }
        summary.add(failed("other", "10.0.0.2", "/v1/messages"));

        List<AuditRecord> events = summary.drainBefore(second + 2);
        assertThat(events).hasSize(2);
        AuditRecord first = events.stream().filter(e -> "10.0.0.1".equals(e.getClientAddress())).findFirst()
                .orElseThrow();
        assertThat(first.getEventType()).isEqualTo("auth_failure");
        assertThat(first.getRequestId()).isEqualTo("r0");
        assertThat(first.getStatus()).isEqualTo(401);
        assertThat(first.getErrorCode()).isEqualTo("unauthenticated");
        assertThat(first.getDetails()).isEqualTo("{\"count\":5,\"first_request_id\":\"r0\",\"last_request_id\":\"r4\","
                + "\"paths\":[\"/v1/chat/completions\",\"/v1/models\"]}");
        assertThat(summary.drainBefore(second + 2)).isEmpty();
    }

    @Test
    void aBucketOfThisSecondIsKeptUntilTheSecondIsOver() {
        AuthFailureSummary summary = new AuthFailureSummary();
        long second = java.time.Instant.now().getEpochSecond();
        summary.add(failed("r0", "10.0.0.1", "/v1/models"));
        assertThat(summary.drainBefore(second - 1)).isEmpty();
        assertThat(summary.drainBefore(second + 1)).hasSize(1);
    }
}
