package orderflow.functions.process;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.QueueConsumer;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import orderflow.shared.service.ProcessOrderService;

/**
 * OrderQueue consumer: reserve stock, set ship-by, confirm; on new stock, retry the SKU's backorders
 * oldest first; a queued cancel releases what the order holds. One bad message never holds back the
 * rest of its batch (partial batch responses).
 */
public class ProcessOrderHandler extends QueueConsumer {

    private final ProcessOrderService service;

    public ProcessOrderHandler() {
        this(Adapters.live());
    }

    public ProcessOrderHandler(Adapters adapters) {
        super(adapters);
        this.service = new ProcessOrderService(adapters.ordersWithStock(), adapters.accounts(),
                adapters.emailOutbox(), adapters.lowStockAlerts(), adapters.clock());
    }

    @Override
    protected String handle(SQSEvent.SQSMessage sqs, Context context) {
        Map<String, Object> message = Json.parseObject(sqs.getBody());
        if (message.get("stockArrived") instanceof Map<?, ?> arrived
                && arrived.get("sellerId") instanceof String seller && arrived.get("sku") instanceof String sku) {
            return "stock of " + sku + " arrived: " + service.stockArrived(seller, sku) + " backorders confirmed";
        }
        if (message.get("cancel") instanceof Map<?, ?> c && c.get("orderId") instanceof String id) {
            return "cancel of " + id + ": " + service.cancel(id, (String) c.get("reason"),
                    Boolean.TRUE.equals(c.get("buyerRequested")), Actor.parse(String.valueOf(c.get("by"))));
        }
        if (!(message.get("orderId") instanceof String id)) {
            throw new IllegalArgumentException("message has none of orderId, stockArrived, cancel");
        }
        return "order " + id + ": " + service.process(id);
    }

    @Override
    protected PrimingRun<SQSEvent> priming(Instant now) {
        Order order = PrimingSamples.order(now);
        return PrimingRun.of(Priming.answers().order(order).seller(),
                LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId()))));
    }
}
