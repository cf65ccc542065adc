package orderflow.functions.returns;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.Responses;
import orderflow.shared.api.ReturnViews;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.AfterSaleSamples;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.GoodwillRefundService;

/**
 * POST /v1/orders/{orderId}/refunds {amount, reason, requestId} (or an Idempotency-Key header):
 * a goodwill refund under the cap of what was paid minus what was refunded. 201 with the refund
 * and the order; the same request id again answers 200 with the same refund, changed false.
 */
public class CreateRefundHandler extends SellerRoute {

    private final GoodwillRefundService service;

    public CreateRefundHandler() {
        this(Adapters.live());
    }

    public CreateRefundHandler(Adapters adapters) {
        super(adapters);
        DynamoOrders orders = adapters.ordersWithSyncs();
        this.service = new GoodwillRefundService(orders, adapters.refunds(orders), adapters.accounts(),
                adapters.emailOutbox(), adapters.refundNotices(), adapters.channelSyncs(), adapters.syncQueue(),
                adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        GoodwillRefundService.Issued issued = service.issue(request.sellerId(), request.actor(),
                request.path("orderId"), request.body(), request.header("idempotency-key"));
        return Responses.json(issued.changed() ? 201 : 200, ReturnViews.issued(issued, clock.instant()));
    }

    /** Refunds 1.00 on a delivered sample order. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order delivered = AfterSaleSamples.deliveredOrder(now);
        return PrimingRun.of(Priming.answers().noItem("orderId", "refundId").order(delivered).seller().itemWhere("pk", "CHANNEL#" + delivered.storefrontId(),
                PrimingSamples.channelLinkItem(delivered.storefrontId())),
                AfterSaleSamples.refundRequest(delivered));
    }
}
