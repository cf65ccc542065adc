package orderflow.shared.ports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.ResponseTime;

/** MessagesTable: each order's thread, its messages, and the sellers' response times. */
public interface Messages {

    /** Stores a buyer message once (by its id) and marks the thread waiting; false for a redelivery. */
    boolean addBuyerMessage(Order order, String buyerName, BuyerMessage message);

    /**
     * Stores the seller's reply and clears the wait; when the thread was waiting since {@code seen},
     * also records the response time. False when the thread changed meanwhile (read it again).
     */
    boolean addSellerReply(Order order, BuyerMessage reply, Instant seen);

    Optional<MessageThread> thread(String orderId);

    List<BuyerMessage> messages(String orderId, int limit);

    /** Threads waiting for the seller, oldest first, from the sparse AwaitingReply index. */
    Page awaiting(String sellerId, String after, int limit);

    record Page(List<MessageThread> threads, String next) {
    }

    /** How many partitions the ByWatch index of waiting threads is spread over. */
    int watchBuckets();

    /**
     * A page of one bucket's waiting threads, waiting since before {@code waitingBefore}, oldest
     * first, leaving out those another run flagged overdue.
     */
    Page overdue(int bucket, Instant waitingBefore, String runId, String after, int limit);

    /** Flags the thread's current wait overdue for this run unless another run did; true when it is this run's. */
    boolean flagOverdue(MessageThread thread, String runId, Instant now);

    /** Response-time facts of replies made in [from, to). */
    List<ResponseTime> responseTimes(String sellerId, Instant from, Instant to);
}
