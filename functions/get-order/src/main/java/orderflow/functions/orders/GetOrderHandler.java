package orderflow.functions.orders;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.OrderViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.OrderQueryService;

/** GET /v1/orders/{orderId}, behind the API-key authorizer: the seller's own orders only. */
public class GetOrderHandler extends SellerRoute {

    private final OrderQueryService service;

    public GetOrderHandler() {
        this(Adapters.live());
    }

    public GetOrderHandler(Adapters adapters) {
        super(adapters);
        this.service = new OrderQueryService(adapters.orderReads(), adapters.channelSyncsWithoutLinks());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return Responses.json(200, OrderViews.detail(service.detail(request.sellerId(), request.path("orderId"),
                request.query()), clock.instant()));
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.order(now);
        return PrimingRun.of(Priming.answers().order(order).query(null, PrimingSamples.doneSyncItem(order.orderId())),
                PrimingSamples.sellerRequest(order.orderId(), null));
    }
}
