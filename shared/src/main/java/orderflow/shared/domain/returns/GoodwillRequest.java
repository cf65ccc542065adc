package orderflow.shared.domain.returns;

import orderflow.shared.domain.Money;

/**
 * A validated goodwill refund request (made by {@link GoodwillRequests#parse}).
 *
 * @param requestId the caller's idempotency key: the same key on the same order is the same refund
 */
public record GoodwillRequest(Money amount, String reason, String requestId) {
}
