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
import orderflow.shared.service.ShipOrder;

/** POST /v1/orders/{orderId}/shipments {carrier, trackingNumber, shipDate, lines?}: commits stock, emails tracking. */
public class ShipOrderHandler extends SellerRoute {

    private final ShipOrder service;

    public ShipOrderHandler() {
        this(Adapters.live());
    }

    public ShipOrderHandler(Adapters adapters) {
        super(adapters);
        this.service = new ShipOrder(adapters.ordersWithStockLogAndSyncs(), adapters.accounts(), adapters.emailOutbox(),
                adapters.channelSyncs(), adapters.syncQueue(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return ActionResponses.of(service.ship(request.sellerId(), request.actor(), request.path("orderId"),
                request.body()), clock.instant(), 201);
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.unshippedOrder(now);
        // The order's storefront has a platform link: the shipment is written with its channel sync.
        return PrimingRun.of(Priming.answers().order(order).seller().itemWhere("pk",
                "CHANNEL#" + order.storefrontId(), PrimingSamples.channelLinkItem(order.storefrontId())),
                PrimingSamples.sellerRequest(order.orderId(),
                Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784", "shipDate", now.toString())));
    }
}
