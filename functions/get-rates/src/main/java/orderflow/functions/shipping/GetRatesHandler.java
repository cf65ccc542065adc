package orderflow.functions.shipping;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LabelViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.ShippingRates;

/**
 * POST /v1/orders/{orderId}/rates {lines?, weightGrams?, box?}: the carrier's offers for one parcel,
 * kept as a quote for POST /v1/orders/{orderId}/labels.
 */
public class GetRatesHandler extends SellerRoute {

    private final ShippingRates service;

    public GetRatesHandler() {
        this(Adapters.live());
    }

    public GetRatesHandler(Adapters adapters) {
        super(adapters);
        this.service = new ShippingRates(adapters.orderReads(), adapters.inventory(), adapters.carrierAccounts(),
                adapters.carriers(), adapters.labels(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return Responses.json(201, LabelViews.quote(service.quote(request.sellerId(), request.path("orderId"),
                request.optionalBody())));
    }

    /** The sample order priced with its weight and box given (no SKU settings read), by the offline carrier. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.unshippedOrder(now);
        return PrimingRun.of(Priming.answers().order(order).batchGetFindsNothing()
                        .itemWhere("pk", "CHANNEL#" + order.storefrontId(), null)
                        .itemWhere("pk", "CARRIER#" + order.sellerId() + "#easypost", PrimingSamples.carrierAccountItem())
                        .itemWhere("pk", "SHIPFROM#" + order.sellerId(), PrimingSamples.shipFromItem()),
                PrimingSamples.sellerRequest(order.orderId(), Map.of("weightGrams", 800,
                        "box", Map.of("lengthMm", 300, "widthMm", 200, "heightMm", 100))));
    }
}
