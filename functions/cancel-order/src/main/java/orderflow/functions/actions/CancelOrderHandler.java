package orderflow.functions.actions;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.ActionResponses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.CancelOrder;

/** POST /v1/orders/{orderId}/cancel {reason, note?}: before shipment only; releases reserved stock and emails the buyer. */
public class CancelOrderHandler extends SellerRoute {

    private final CancelOrder service;

    public CancelOrderHandler() {
        this(Adapters.live());
    }

    public CancelOrderHandler(Adapters adapters) {
        super(adapters);
        this.service = new CancelOrder(adapters.ordersWithStockAndSyncs(), adapters.accounts(), adapters.emailOutbox(),
                adapters.lowStockAlerts(), adapters.orderQueue(), adapters.channelSyncs(), adapters.syncQueue(),
                adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return ActionResponses.of(service.cancel(request.sellerId(), request.actor(), request.path("orderId"),
                request.body()), clock.instant(), 200);
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.unshippedOrder(now);
        return PrimingRun.of(Priming.answers().order(order).seller().itemWhere("pk", "CHANNEL#" + order.storefrontId(),
                PrimingSamples.channelLinkItem(order.storefrontId())),
                PrimingSamples.sellerRequest(order.orderId(), Map.of("reason", "OUT_OF_STOCK")));
    }
}
