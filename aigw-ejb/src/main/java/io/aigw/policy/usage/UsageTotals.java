package io.aigw.policy.usage;

/**
 * What the store adds up for a bucket (mutable while it is being summed).
 */
public final class UsageTotals {

    long requests;
    long errors;
    long streamed;
    long estimated;
    long inputTokens;
    long outputTokens;
    long cachedInputTokens;
    long cacheWriteTokens;
    long reasoningTokens;
    long latencyMillisSum;
    final long[] latency = new long[LatencyHistogram.COLUMNS.length];

    /** Counts one answered request. */
    public void add(Integer status, boolean stream, boolean usageEstimated, Integer input, Integer output,
                    Integer cachedInput, Integer cacheWrites, Integer reasoning, long latencyMillis) {
        requests++;
        if (status == null || status >= 400) {
            errors++;
        }
        streamed += stream ? 1 : 0;
        estimated += usageEstimated ? 1 : 0;
        inputTokens += input == null ? 0 : input;
        outputTokens += output == null ? 0 : output;
        cachedInputTokens += cachedInput == null ? 0 : cachedInput;
        cacheWriteTokens += cacheWrites == null ? 0 : cacheWrites;
        reasoningTokens += reasoning == null ? 0 : reasoning;
        latencyMillisSum += Math.max(0, latencyMillis);
        latency[LatencyHistogram.bucket(latencyMillis)]++;
    }

    void add(UsageTotals o) {
        requests += o.requests;
        errors += o.errors;
        streamed += o.streamed;
        estimated += o.estimated;
        inputTokens += o.inputTokens;
        outputTokens += o.outputTokens;
        cachedInputTokens += o.cachedInputTokens;
        cacheWriteTokens += o.cacheWriteTokens;
        reasoningTokens += o.reasoningTokens;
        latencyMillisSum += o.latencyMillisSum;
        for (int i = 0; i < latency.length; i++) {
            latency[i] += o.latency[i];
        }
    }

    public long requests() { return requests; }
    public long errors() { return errors; }
    public long streamed() { return streamed; }
    public long estimated() { return estimated; }
    public long inputTokens() { return inputTokens; }
    public long outputTokens() { return outputTokens; }
    public long cachedInputTokens() { return cachedInputTokens; }
    public long cacheWriteTokens() { return cacheWriteTokens; }
    public long reasoningTokens() { return reasoningTokens; }
    public long latencyMillisSum() { return latencyMillisSum; }

    /** Requests per latency bucket, labelled {@code le_100} ... {@code over_60000}. */
    public java.util.Map<String, Long> latencyHistogram() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < latency.length; i++) {
            out.put(LatencyHistogram.label(i), latency[i]);
        }
        return out;
    }
}
