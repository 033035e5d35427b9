package io.aigw.policy.usage;

import java.time.LocalDateTime;

/**
 * One row's identity in the aggregate store; {@code ""} stands for none (a request refused before its key or model
 * was known).
 *
 * @param hourStart the UTC hour the requests were received in
 * @param tenant    the caller's tenant
 * @param keyId     the caller's key id
 * @param model     the model that answered, else the one requested
 * @param operation the operation ({@code chat}, {@code embeddings}, ...)
 * @param node      the gateway node that served them
 * @param currency  the currency their cost is in ({@code ""}: not priced)
 * @param route     the route the client named as its model ({@code ""}: it named a model directly)
 */
public record UsageBucket(LocalDateTime hourStart, String tenant, String keyId, String model, String operation,
                          String node, String currency, String route) {
}
