package orderflow.functions.actions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.ActionResponses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.ReleaseService;

/**
 * POST /v1/orders/{orderId}/release {skus: [{line, sku, remember}], acceptTotals}: the seller fixes an
 * ON_HOLD order (SKUs mapped and remembered for the storefront, a total difference accepted) and
 * releases it to processing.
 */
public class ReleaseOrderHandler extends SellerRoute {

    private final ReleaseService service;

    public ReleaseOrderHandler() {
        this(Adapters.live());
    }

    public ReleaseOrderHandler(Adapters adapters) {
        super(adapters);
        this.service = new ReleaseService(adapters.orders(), adapters.skuMappings(), adapters.orderQueue(),
                adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return ActionResponses.of(service.release(request.sellerId(), request.actor(), request.path("orderId"),
                request.optionalBody()), clock.instant(), 200);
    }

    /** Releases a sample order held because its total did not add up, with its line mapped to a SKU. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order held = PrimingSamples.heldOrder(now);
        return PrimingRun.of(Priming.answers().order(held), PrimingSamples.sellerRequest(held.orderId(),
                Map.of("acceptTotals", true, "skus", List.of(Map.of("line", 0, "sku", "MUG-BLUE")))));
    }
}
