package orderflow.functions.orders;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

/** GET /v1/orders/{orderId}/history: every change of the seller's order, oldest first. */
public class GetOrderHistoryHandler extends SellerRoute {

    private final OrderQueryService service;

    public GetOrderHistoryHandler() {
        this(Adapters.live());
    }

    public GetOrderHistoryHandler(Adapters adapters) {
        super(adapters);
        this.service = new OrderQueryService(adapters.orderHistoryReads());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        OrderQueryService.HistoryPage page = service.history(request.sellerId(), request.path("orderId"),
                request.query());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", page.order().orderId());
        body.put("status", page.order().status().name());
        body.put("entries", page.entries().stream().map(OrderViews::history).toList());
        body.put("nextCursor", page.nextCursor());
        return Responses.json(200, body);
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.order(now);
        return PrimingRun.of(Priming.answers().order(order).anyQuery(),
                PrimingSamples.sellerRequest(order.orderId(), null));
    }
}
