package io.aigw.web.openai;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import java.util.List;

/**
 * One page of the model list in Anthropic's paging: {@code limit} (1–1000, default 20) entries after {@code after_id}
 * or before {@code before_id} (or from the start), with {@code has_more} telling whether more lie in that direction.
 * An id that is not in the list gives an empty page, which ends a client's paging.
 *
 * @param from    first index (inclusive)
 * @param to      last index (exclusive)
 * @param hasMore whether entries remain beyond the page in the paging direction
 */
record AnthropicModelPage(int from, int to, boolean hasMore) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    /**
     * @throws GatewayException {@code invalid_request_error} for a {@code limit} that is not 1–1000, or both cursors
     */
    static AnthropicModelPage of(List<String> ids, String afterId, String beforeId, String limitText) {
        int limit = limit(limitText);
        if (afterId != null && beforeId != null) {
            throw new GatewayException(Problem.INVALID_REQUEST, "Only one of after_id and before_id may be given.",
                    "after_id", null, null);
        }
        if (beforeId != null) {
            int end = ids.indexOf(beforeId);
            if (end < 0) {
                return new AnthropicModelPage(0, 0, false);
            }
            int start = Math.max(0, end - limit);
            return new AnthropicModelPage(start, end, start > 0);
        }
        int start = 0;
        if (afterId != null) {
            int at = ids.indexOf(afterId);
            if (at < 0) {
                return new AnthropicModelPage(0, 0, false);
            }
            start = at + 1;
        }
        int end = Math.min(ids.size(), start + limit);
        return new AnthropicModelPage(start, end, end < ids.size());
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new GatewayException(Problem.INVALID_REQUEST, "limit: Input should be an integer from 1 to " + MAX_LIMIT
                + ".", "limit", null, null);
    }
}
