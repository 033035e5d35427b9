package io.aigw.policy.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;

/**
 * One audit event, append-only: a request's {@code accepted} and {@code outcome} events (the compliance API shows them
 * merged as one record), an administrative change, a retention purge; {@code record} for the single rows written
 * before events existed. Each event is numbered in its node's chain ({@code NODE_ID}, {@code CHAIN_SEQ}) and linked
 * to the one before by {@code PREV_HASH}/{@code RECORD_HASH} (see {@link AuditChain}). Times are UTC. Holds key ids,
 * never keys; gateway error messages, never upstream bodies, prompts or answers.
 */
@Entity
@Table(name = "AIGW_AUDIT",
        uniqueConstraints = @UniqueConstraint(name = "AIGW_AUDIT_NODE_SEQ", columnNames = {"NODE_ID", "CHAIN_SEQ"}),
        indexes = {@Index(name = "AIGW_AUDIT_LIST", columnList = "OCCURRED_AT DESC,NODE_ID DESC,CHAIN_SEQ DESC"),
                @Index(name = "AIGW_AUDIT_REQUEST", columnList = "REQUEST_ID")})
public class AuditRecord {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REQUEST_ID", length = 36)
    private String requestId;

    @Column(name = "EVENT_TYPE", length = 12, nullable = false)
    private String eventType;

    @Column(name = "FORM_VERSION", nullable = false)
    private int formVersion;

    @Column(name = "DETAILS", length = 16000)
    private String details;

    @Column(name = "NODE_ID", length = 100, nullable = false)
    private String nodeId;

    @Column(name = "CHAIN_SEQ", nullable = false)
    private long chainSeq;

    @Column(name = "OCCURRED_AT", nullable = false)
    private LocalDateTime occurredAt;

    @Column(name = "KEY_ID", length = 32)
    private String keyId;

    @Column(name = "TENANT", length = 100)
    private String tenant;

    @Column(name = "PRINCIPAL", length = 200)
    private String principal;

    @Column(name = "OPERATION", length = 20, nullable = false)
    private String operation;

    @Column(name = "HTTP_METHOD", length = 10)
    private String method;

    @Column(name = "PATH", length = 300)
    private String path;

    @Column(name = "CLIENT_ADDRESS", length = 64)
    private String clientAddress;

    @Column(name = "MODEL_REQUESTED", length = 300)
    private String modelRequested;

    @Column(name = "MODEL_RESOLVED", length = 300)
    private String modelResolved;

    @Column(name = "CONNECTION_NAME", length = 100)
    private String connection;

    @Column(name = "STREAMED", nullable = false)
    private boolean streamed;

    @Column(name = "HTTP_STATUS")
    private Integer status;

    @Column(name = "ERROR_CODE", length = 60)
    private String errorCode;

    @Column(name = "ERROR_MESSAGE", length = 500)
    private String errorMessage;

    @Column(name = "INPUT_TOKENS")
    private Integer inputTokens;

    @Column(name = "OUTPUT_TOKENS")
    private Integer outputTokens;

    @Column(name = "CACHED_INPUT_TOKENS")
    private Integer cachedInputTokens;

    @Column(name = "CACHE_WRITE_TOKENS")
    private Integer cacheWriteTokens;

    @Column(name = "REASONING_TOKENS")
    private Integer reasoningTokens;

    @Column(name = "USAGE_ESTIMATED", nullable = false)
    private boolean usageEstimated;

    @Column(name = "FINISH_REASON", length = 20)
    private String finishReason;

    @Column(name = "LATENCY_MS", nullable = false)
    private long latencyMillis;

    @Column(name = "FIRST_CHUNK_MS")
    private Long firstChunkMillis;

    @Column(name = "PREV_HASH", length = 64)
    private String prevHash;

    @Column(name = "RECORD_HASH", length = 64)
    private String recordHash;

    /** The request's cost for the usage aggregates (its audited form is in the details); not a column. */
    @jakarta.persistence.Transient
    private transient String costCurrency;

    @jakarta.persistence.Transient
    private transient long costNanos;

    @jakarta.persistence.Transient
    private transient boolean unpriced;

    /** The route the client named, for the usage aggregates (audited as the requested model); not a column. */
    @jakarta.persistence.Transient
    private transient String route;

    protected AuditRecord() {
    }

    AuditRecord(String id, String requestId, String eventType) {
        this.id = id;
        this.requestId = requestId;
        this.eventType = eventType;
        this.formVersion = AuditCanonicalForm.VERSION;
    }

    /** Places the event in its node's chain. */
    void link(String node, long seq, String previousHash, String hash) {
        this.nodeId = node;
        this.chainSeq = seq;
        this.prevHash = previousHash;
        this.recordHash = hash;
    }

    void details(String json) { details = json; }
    void formVersion(int v) { formVersion = v; }

    // package-private setters used by AuditRecords
    void occurredAt(LocalDateTime v) { occurredAt = v; }
    void caller(String key, String tenantId) { keyId = key; tenant = tenantId; }
    void principal(String name) { principal = name; }
    void request(String op, String httpMethod, String requestPath, String address) {
        operation = op; method = httpMethod; path = requestPath; clientAddress = address;
    }
    void routing(String requested, String resolved, String connectionName, boolean stream) {
        modelRequested = requested; modelResolved = resolved; connection = connectionName; streamed = stream;
    }
    void outcome(Integer httpStatus, String code, String message) { status = httpStatus; errorCode = code; errorMessage = message; }
    void usage(Integer in, Integer out, Integer cached, Integer cacheWrites, Integer reasoning, boolean estimated) {
        inputTokens = in; outputTokens = out; cachedInputTokens = cached; cacheWriteTokens = cacheWrites;
        reasoningTokens = reasoning; usageEstimated = estimated;
    }
    void timing(long latency, Long firstChunk, String finish) { latencyMillis = latency; firstChunkMillis = firstChunk; finishReason = finish; }

    public String getId() { return id; }
    public String getRequestId() { return requestId; }
    public String getEventType() { return eventType; }
    public int getFormVersion() { return formVersion; }
    public String getDetails() { return details; }
    public String getNodeId() { return nodeId; }
    public long getChainSeq() { return chainSeq; }
    public LocalDateTime getOccurredAt() { return occurredAt; }
    public String getKeyId() { return keyId; }
    public String getTenant() { return tenant; }
    /** Who called: the key's name for API-key callers. */
    public String getPrincipal() { return principal; }
    public String getOperation() { return operation; }
    public String getMethod() { return method; }
    public String getPath() { return path; }
    public String getClientAddress() { return clientAddress; }
    public String getModelRequested() { return modelRequested; }
    public String getModelResolved() { return modelResolved; }
    public String getConnection() { return connection; }
    public boolean isStreamed() { return streamed; }
    public Integer getStatus() { return status; }
    public String getErrorCode() { return errorCode; }
    public String getErrorMessage() { return errorMessage; }
    public Integer getInputTokens() { return inputTokens; }
    public Integer getOutputTokens() { return outputTokens; }
    public Integer getCachedInputTokens() { return cachedInputTokens; }
    public Integer getCacheWriteTokens() { return cacheWriteTokens; }
    public Integer getReasoningTokens() { return reasoningTokens; }
    public boolean isUsageEstimated() { return usageEstimated; }
    public String getFinishReason() { return finishReason; }
    public long getLatencyMillis() { return latencyMillis; }
    public Long getFirstChunkMillis() { return firstChunkMillis; }
    public String getPrevHash() { return prevHash; }
    public String getRecordHash() { return recordHash; }

    /** The request cost {@code nanos} billionths of {@code currency} (for the usage aggregates). */
    public void cost(String currency, long nanos) {
        this.costCurrency = currency;
        this.costNanos = nanos;
    }

    /** The request used a model without a price (for the usage aggregates). */
    public void unpriced() {
        this.unpriced = true;
    }

    /** The request named the route {@code name} as its model (for the usage aggregates). */
    public void route(String name) {
        this.route = name;
    }

    /** The route the client named, or {@code null}. */
    public String getRoute() { return route; }

    public String getCostCurrency() { return costCurrency; }
    public long getCostNanos() { return costNanos; }
    public boolean isUnpriced() { return unpriced; }
}
