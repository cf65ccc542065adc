package orderflow.functions.inventory;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.InventoryViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.InventoryQueryService;

/**
 * GET /v1/inventory?lowStock=&limit=&cursor= (by SKU; lowStock=true from the low-stock index) and
 * GET /v1/inventory/{sku} (on hand, reserved, available, recent movements).
 */
public class GetInventoryHandler extends SellerRoute {

    private final InventoryQueryService service;

    public GetInventoryHandler() {
        this(Adapters.live());
    }

    public GetInventoryHandler(Adapters adapters) {
        super(adapters);
        this.service = new InventoryQueryService(adapters.inventoryWithMovements());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        String sku = request.path("sku");
        if (sku != null) {
            InventoryQueryService.Detail d = service.get(request.sellerId(), sku);
            return Responses.json(200, InventoryViews.detail(d.item(), d.movements()));
        }
        return Responses.json(200, InventoryViews.listing(service.list(request.sellerId(), request.query())));
    }

    /** The low-stock list, then one SKU: one canned item reads as a stock item and as a movement. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        var item = PrimingSamples.stockItem(now);
        APIGatewayV2HTTPEvent list = PrimingSamples.sellerQuery(Map.of("lowStock", "true"));
        APIGatewayV2HTTPEvent one = PrimingSamples.sellerRequest("GET", Map.of("sku", "MUG-BLUE"), null);
        return PrimingRun.of(Priming.answers().anyQuery(item).item(item, "sku"), list, one);
    }
}
