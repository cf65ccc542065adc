package orderflow.functions.returns;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.Log;
import orderflow.shared.api.QueueConsumer;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.AfterSaleSamples;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsRedelivery;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.json.Json;
import orderflow.shared.ports.RefundWebhook;
import orderflow.shared.service.RefundDeliveryService;

/**
 * RefundQueue consumer: POSTs each refund to its storefront's refund URL, signed. Not acknowledged
 * (no answer, or not 2xx): the message is reported failed and hidden for the backoff delay
 * (base x 2^(attempt-1), at most 6 h) so it comes back later; after maxReceiveCount attempts it
 * lands in RefundDLQ with its body, and the DLQ alarm tells the operator.
 */
public class DeliverRefundHandler extends QueueConsumer {

    /** The first backoff, doubled at each attempt up to 6 h (RefundDeliveryService). */
    private static final Duration RETRY_BASE = Duration.ofSeconds(30);

    private final RefundDeliveryService service;
    private final SqsRedelivery redelivery;

    public DeliverRefundHandler() {
        this(Adapters.live());
    }

    public DeliverRefundHandler(Adapters adapters) {
        this(adapters, adapters.refundWebhook(), RETRY_BASE);
    }

    /** With another storefront endpoint and first backoff (tests shorten it). */
    public DeliverRefundHandler(Adapters adapters, RefundWebhook webhook, Duration retryBase) {
        super(adapters);
        this.service = new RefundDeliveryService(adapters.refundRecords(), adapters.orderReads(), adapters.accountsWithSecrets(),
                webhook, retryBase, adapters.clock());
        this.redelivery = adapters.refundRedelivery();
    }

    @Override
    protected String handle(SQSEvent.SQSMessage message, Context context) {
        Map<String, Object> body = Json.parseObject(message.getBody());
        String orderId = String.valueOf(body.get("orderId"));
        String refundId = String.valueOf(body.get("refundId"));
        int attempt = SqsRedelivery.attempt(message);
        return switch (service.deliver(orderId, refundId, attempt)) {
            case RefundDeliveryService.Acknowledged a -> "refund " + refundId + " acknowledged by the storefront";
            case RefundDeliveryService.NothingToSend n -> {
                Log.warn(context, "refund.not_sent", "orderId", orderId, "refundId", refundId, "outcome", n.why());
                yield "refund " + refundId + " not sent";
            }
            case RefundDeliveryService.Retry r -> {
                redelivery.after(message, r.delay()); // hidden for the backoff, then redelivered
                throw new IllegalStateException("refund " + refundId + " of " + orderId + ": attempt " + attempt
                        + " not acknowledged (" + r.error() + "); next in " + r.delay().toSeconds() + " s");
            }
        };
    }

    /** Delivers a sample refund to an endpoint that answers 200 without a network (see Adapters.refundWebhook). */
    @Override
    protected PrimingRun<SQSEvent> priming(Instant now) {
        Order delivered = AfterSaleSamples.deliveredOrder(now);
        Refund refund = AfterSaleSamples.goodwillRefund(delivered, now);
        return PrimingRun.of(Priming.answers().item(PrimingSamples.refundItem(refund), "orderId", "refundId")
                        .order(delivered).item(AfterSaleSamples.storefrontWithRefundUrl(), "pk"),
                LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", delivered.orderId(), "refundId", refund.refundId()))));
    }
}
