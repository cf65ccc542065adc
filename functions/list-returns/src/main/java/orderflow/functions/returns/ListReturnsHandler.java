package orderflow.functions.returns;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.Responses;
import orderflow.shared.api.ReturnViews;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.ReturnQueryService;

/**
 * The read side of returns and refunds: GET /v1/returns?status=&limit=&cursor= (the seller's RMAs,
 * newest first), GET /v1/orders/{orderId}/returns and GET /v1/orders/{orderId}/refunds.
 */
public class ListReturnsHandler extends SellerRoute {

    private final ReturnQueryService service;

    public ListReturnsHandler() {
        this(Adapters.live());
    }

    public ListReturnsHandler(Adapters adapters) {
        super(adapters);
        this.service = new ReturnQueryService(adapters.orderReads(), adapters.returns(), adapters.refundRecords());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        String orderId = request.path("orderId");
        if (orderId == null) {
            ReturnQueryService.Listing listing = service.list(request.sellerId(), request.query());
            return Responses.json(200, ReturnViews.rmas(listing.items(), listing.nextCursor()));
        }
        return Responses.json(200, String.valueOf(request.event().getRouteKey()).endsWith("/refunds")
                ? ReturnViews.refunds(service.refunds(request.sellerId(), orderId))
                : ReturnViews.rmas(service.forOrder(request.sellerId(), orderId), null));
    }

    /** Lists the sample seller's received returns (none). */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        APIGatewayV2HTTPEvent event = PrimingSamples.sellerQuery(Map.of("status", "RECEIVED"));
        event.setRouteKey("GET /v1/returns");
        return PrimingRun.of(Priming.answers().anyQuery(), event);
    }
}
