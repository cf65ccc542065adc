package orderflow.functions.amazon;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.QueueConsumer;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.AfterSaleSamples;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoDeliveryLog;
import orderflow.shared.aws.Priming;
import orderflow.shared.ports.AmazonOrdersApi;
import orderflow.shared.service.AmazonNotificationService;
import orderflow.shared.service.ReceiveOrderService;

/**
 * AmazonNotificationQueue consumer: SP-API ORDER_CHANGE notifications become orders (or cancels).
 * Failed messages are reported one by one; after 5 receives they wait in the DLQ for a redrive.
 */
public class ReceiveAmazonNotificationHandler extends QueueConsumer {

    private final AmazonNotificationService service;

    public ReceiveAmazonNotificationHandler() {
        this(Adapters.live());
    }

    public ReceiveAmazonNotificationHandler(Adapters adapters) {
        this(adapters, adapters.amazonOrdersApi());
    }

    /** With another SP-API (tests). */
    public ReceiveAmazonNotificationHandler(Adapters adapters, AmazonOrdersApi api) {
        super(adapters);
        DynamoAccounts accounts = adapters.accountsWithSecrets();
        DynamoDeliveryLog deliveries = adapters.deliveryLog();
        ReceiveOrderService receive = new ReceiveOrderService(accounts, adapters.orders(), adapters.orderQueue(),
                deliveries, adapters.clock());
        this.service = new AmazonNotificationService(accounts, receive, api, deliveries, adapters.clock());
    }

    @Override
    protected String handle(SQSEvent.SQSMessage message, Context context) {
        return service.handle(message.getBody());
    }

    /** A notification the delivery log has already handled: the parse path only, SP-API never called. */
    @Override
    protected PrimingRun<SQSEvent> priming(Instant now) {
        return PrimingRun.of(Priming.answers().item(AfterSaleSamples.amazonNotificationHandled(now), "deliveryKey"),
                LambdaStreams.sqsEventOf(AfterSaleSamples.amazonNotification()));
    }
}
