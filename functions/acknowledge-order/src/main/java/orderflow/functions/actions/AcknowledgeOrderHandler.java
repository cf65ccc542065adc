package orderflow.functions.actions;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.ActionResponses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.AcknowledgeOrder;

/** POST /v1/orders/{orderId}/acknowledge: the seller has seen the order (repeats change nothing); no body needed. */
public class AcknowledgeOrderHandler extends SellerRoute {

    private final AcknowledgeOrder service;

    public AcknowledgeOrderHandler() {
        this(Adapters.live());
    }

    public AcknowledgeOrderHandler(Adapters adapters) {
        super(adapters);
        this.service = new AcknowledgeOrder(adapters.ordersWithSyncs(), adapters.channelSyncs(),
                adapters.syncQueue(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        // No body is needed; one that is sent must still be a JSON object of at most 64 KiB (its
        // members are ignored, as unknown fields are everywhere): broken JSON is a 400, not ignored.
        request.optionalBody();
        return ActionResponses.of(service.acknowledge(request.sellerId(), request.actor(), request.path("orderId")),
                clock.instant(), 200);
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.unshippedOrder(now);
        // The storefront has a platform link: the acknowledgement is written with its channel sync.
        return PrimingRun.of(Priming.answers().order(order).itemWhere("pk", "CHANNEL#" + order.storefrontId(),
                PrimingSamples.channelLinkItem(order.storefrontId())),
                PrimingSamples.sellerRequest(order.orderId(), null));
    }
}
