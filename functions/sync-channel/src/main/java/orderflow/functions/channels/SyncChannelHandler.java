package orderflow.functions.channels;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.QueueConsumer;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import orderflow.shared.ports.ChannelClient;
import orderflow.shared.service.ChannelSyncService;

/**
 * SyncQueue consumer: sends a change made here (a shipment) to the order's platform, Shopify,
 * WooCommerce or Amazon, and records the outcome on the channel sync. A platform that asks to wait
 * gets the sync back later; one that refuses for good marks it FAILED for the seller.
 */
public class SyncChannelHandler extends QueueConsumer {

    private final ChannelSyncService service;

    public SyncChannelHandler() {
        this(Adapters.live());
    }

    public SyncChannelHandler(Adapters adapters) {
        this(adapters, adapters.channelClient());
    }

    /** With another client (tests: the same clients against fakes of the platforms). */
    public SyncChannelHandler(Adapters adapters, ChannelClient client) {
        super(adapters);
        this.service = new ChannelSyncService(adapters.channelSyncsWithSecrets(), adapters.orderReads(), client,
                adapters.syncQueue(), adapters.clock());
    }

    @Override
    protected String handle(SQSEvent.SQSMessage message, Context context) {
        return service.handle(Json.parseObject(message.getBody()));
    }

    @Override
    protected PrimingRun<SQSEvent> priming(Instant now) {
        // A sync already done: the reads and the decision are primed, no platform is called.
        Order order = PrimingSamples.order(now);
        return PrimingRun.of(Priming.answers().order(order).item(PrimingSamples.doneSyncItem(order.orderId()),
                "orderId", "syncId"), LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId(),
                "syncId", PrimingSamples.SYNC_ID))));
    }
}
