package orderflow.functions.process;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.QueueConsumer;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import orderflow.shared.service.ProcessOrderService;

/**
 * OrderQueue consumer: reserve stock, set ship-by, confirm; on new stock, retry the SKU's backorders
 * oldest first; a queued cancel releases what the order holds; a shipment or refund made on the
 * platform is recorded. One bad message never holds back the
 * rest of its batch (partial batch responses).
 */
public class ProcessOrderHandler extends QueueConsumer {

    private final ProcessOrderService service;

    public ProcessOrderHandler() {
        this(Adapters.live());
    }

    public ProcessOrderHandler(Adapters adapters) {
        super(adapters);
        DynamoOrders orders = adapters.ordersWithStockLog();
        // Refunds made on the platform are recorded in the order's own transaction; the SKUs' own
        // handling times come from their stock items.
        this.service = new ProcessOrderService(orders, adapters.accounts(), adapters.emailOutbox(),
                adapters.lowStockAlerts(), adapters.orderQueue(), adapters.refunds(orders), adapters.inventory(),
                adapters.clock());
    }

    @Override
    protected String handle(SQSEvent.SQSMessage message, Context context) {
        return service.handle(Json.parseObject(message.getBody()));
    }

    @Override
    protected PrimingRun<SQSEvent> priming(Instant now) {
        Order order = PrimingSamples.order(now);
        return PrimingRun.of(Priming.answers().order(order).seller().batchGetFindsNothing(),
                LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId()))));
    }
}
