package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.SyncQueue;

/**
 * {@code POST /v1/orders/{orderId}/channel-syncs/{syncId}/retry}: the seller fixed what the platform
 * refused (a scope granted, the link reconnected) and asks again. A FAILED sync starts over (attempts
 * from zero) and is queued; a PENDING one is queued again (a nudge for one that waits, or one whose
 * queue message was lost); a DONE one changes nothing. Each is safe to repeat: the platform clients
 * look for what an earlier call made before they call.
 */
public final class RetryChannelSync {

    /** The sync as it now stands, and whether this request changed it. */
    public record Result(ChannelSync sync, boolean changed) {
    }

    private final Orders orders;
    private final ChannelSyncs syncs;
    private final SyncQueue queue;
    private final Clock clock;

    public RetryChannelSync(Orders orders, ChannelSyncs syncs, SyncQueue queue, Clock clock) {
        this.orders = orders;
        this.syncs = syncs;
        this.queue = queue;
        this.clock = clock;
    }

    public Result retry(String sellerId, String orderId, String syncId) {
        Order order = new OrderQueryService(orders).get(sellerId, orderId); // another seller's order: 404
        if (syncId == null || !syncId.matches("sync_[0-9a-z]{1,40}")) {
            throw noSuchSync(syncId);
        }
        ChannelSync sync = syncs.get(order.orderId(), syncId).orElseThrow(() -> noSuchSync(syncId));
        return switch (sync.status()) {
            case DONE -> new Result(sync, false);
            case PENDING -> {
                queue.enqueue(orderId, syncId, Duration.ZERO);
                yield new Result(sync, false);
            }
            case FAILED -> {
                ChannelSync again = sync.again(clock.instant());
                if (!syncs.record(sync, again)) {
                    throw new Failure.Conflict("The sync changed while this request was being processed; nothing"
                            + " was written. Read the order again and retry if it is still failed.");
                }
                queue.enqueue(orderId, syncId, Duration.ZERO);
                yield new Result(again, true);
            }
        };
    }

    private static Failure noSuchSync(String syncId) {
        return new Failure.NotFound("No channel sync " + syncId + " on this order.");
    }
}
