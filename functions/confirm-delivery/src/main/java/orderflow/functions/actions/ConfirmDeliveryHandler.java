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
import orderflow.shared.service.ConfirmDelivery;

/** POST /v1/orders/{orderId}/delivery {deliveredAt, shipmentId?}: DELIVERED once every shipment arrived; emails the buyer. */
public class ConfirmDeliveryHandler extends SellerRoute {

    private final ConfirmDelivery service;

    public ConfirmDeliveryHandler() {
        this(Adapters.live());
    }

    public ConfirmDeliveryHandler(Adapters adapters) {
        super(adapters);
        this.service = new ConfirmDelivery(adapters.orders(), adapters.accounts(), adapters.emailOutbox(),
                adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return ActionResponses.of(service.confirm(request.sellerId(), request.actor(), request.path("orderId"),
                request.body()), clock.instant(), 200);
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.shippedOrder(now);
        return PrimingRun.of(Priming.answers().order(order).seller(),
                PrimingSamples.sellerRequest(order.orderId(), Map.of("deliveredAt", now.toString())));
    }
}
