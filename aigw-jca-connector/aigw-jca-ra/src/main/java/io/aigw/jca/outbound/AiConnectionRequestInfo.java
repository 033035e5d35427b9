package io.aigw.jca.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/** Request info that distinguishes connections: a per-request upstream credential (or none). */
final class AiConnectionRequestInfo implements ConnectionRequestInfo {

    private final String apiKey;

    AiConnectionRequestInfo(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    String apiKey() {
        return apiKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AiConnectionRequestInfo other && apiKey.equals(other.apiKey);
    }

    @Override
    public int hashCode() {
        return apiKey.hashCode();
    }

    @Override
    public String toString() {
        return "AiConnectionRequestInfo[apiKey=***]";
    }
}
