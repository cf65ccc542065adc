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
import orderflow.shared.service.OrderQueryService;

/**
 * GET /v1/orders?q=&field=&status=&createdFrom=&createdTo=&shipByBefore=&late=&limit=&cursor=: the seller's
 * orders newest first, from an index, a page at a time with an opaque cursor.
 */
public class ListOrdersHandler extends SellerRoute {

    private final OrderQueryService service;

    public ListOrdersHandler() {
        this(Adapters.live());
    }

    public ListOrdersHandler(Adapters adapters) {
        super(adapters);
        this.service = new OrderQueryService(adapters.orderReads(), null, adapters.orderSearch());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        Instant now = clock.instant();
        OrderQueryService.Listing listing = service.list(request.sellerId(), request.query(), now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orders", listing.orders().stream().map(o -> OrderViews.summary(o, now)).toList());
        body.put("nextCursor", listing.nextCursor());
        return Responses.json(200, body);
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        APIGatewayV2HTTPEvent event = PrimingSamples.sellerQuery(Map.of("status", "UNSHIPPED", "limit", "10"));
        // A search too: its entries' Query and the BatchGetItem of the orders found (none, here).
        APIGatewayV2HTTPEvent search = PrimingSamples.sellerQuery(Map.of("q", "#1001", "limit", "10"));
        return PrimingRun.of(Priming.answers().anyQuery(PrimingSamples.orderItem(PrimingSamples.order(now)))
                .batchGetFindsNothing(), event, search);
    }
}
