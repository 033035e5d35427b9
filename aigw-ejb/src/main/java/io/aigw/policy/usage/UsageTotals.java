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
    long unpriced;
    /** Per currency: cost in billionths, and the requests priced. */
    final java.util.Map<String, long[]> costs = new java.util.TreeMap<>();
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

    /** Adds a priced request's cost. */
    public void addCost(String currency, long nanos) {
        long[] c = costs.computeIfAbsent(currency, k -> new long[2]);
        c[0] += nanos;
        c[1]++;
    }

    /** Counts a request served without a price. */
    public void addUnpriced() {
        unpriced++;
    }

    /** Adds another group's totals to these. */
    public void add(UsageTotals o) {
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
        unpriced += o.unpriced;
        o.costs.forEach((currency, c) -> {
            long[] mine = costs.computeIfAbsent(currency, k -> new long[2]);
            mine[0] += c[0];
            mine[1] += c[1];
        });
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
    public long unpriced() { return unpriced; }

    /** Input plus output tokens (cached input tokens are part of the input, reasoning ones of the output). */
    public long totalTokens() { return inputTokens + outputTokens; }

    /** Errors per request (0 to 1), 0 without requests. */
    public double errorRate() { return requests == 0 ? 0 : (double) errors / requests; }

    /** The average latency in milliseconds, or {@code null} without requests. */
    public Double latencyMillisAvg() { return requests == 0 ? null : (double) latencyMillisSum / requests; }

    /** A latency percentile estimated from the histogram ({@link LatencyPercentiles}), or {@code null} if empty. */
    public LatencyPercentiles.Estimate latencyPercentile(double quantile) {
        return LatencyPercentiles.estimate(latency, quantile);
    }

    /** Cost per currency, in billionths, of the priced requests. */
    public java.util.Map<String, Long> costNanos() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        costs.forEach((currency, c) -> out.put(currency, c[0]));
        return out;
    }

    /** Requests per latency bucket, labelled {@code le_100} ... {@code over_60000}. */
    public java.util.Map<String, Long> latencyHistogram() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < latency.length; i++) {
            out.put(LatencyHistogram.label(i), latency[i]);
        }
        return out;
    }
}
