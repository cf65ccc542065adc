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
        this.service = new ProcessOrderService(adapters.ordersWithStockLog(), adapters.accounts(),
                adapters.emailOutbox(), adapters.lowStockAlerts(), adapters.orderQueue(), adapters.clock());
    }

    @Override
    protected String handle(SQSEvent.SQSMessage message, Context context) {
        return service.handle(Json.parseObject(message.getBody()));
    }

    @Override
    protected PrimingRun<SQSEvent> priming(Instant now) {
        Order order = PrimingSamples.order(now);
        return PrimingRun.of(Priming.answers().order(order).seller(),
                LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId()))));
    }
}
