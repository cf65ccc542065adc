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
import orderflow.shared.service.StockUpdateService;

/**
 * PUT /v1/inventory/{sku} {onHand, lowStockThreshold?, binLocation?, barcode?} and
 * POST /v1/inventory/{sku}/adjustments {delta, reason}: audited stock changes, never below what is
 * reserved; new stock wakes backorders (oldest first) and low stock alerts the seller once per crossing.
 */
public class UpdateStockHandler extends SellerRoute {

    private final StockUpdateService service;

    public UpdateStockHandler() {
        this(Adapters.live());
    }

    public UpdateStockHandler(Adapters adapters) {
        super(adapters);
        this.service = new StockUpdateService(adapters.inventoryWithMovements(), adapters.lowStockAlerts(),
                adapters.orderQueue(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        String sku = request.path("sku");
        String actor = request.actor().toString();
        InventoryQueryService.Detail d = "PUT".equals(request.method())
                ? service.put(request.sellerId(), actor, sku, request.body())
                : service.adjust(request.sellerId(), actor, sku, request.body());
        return Responses.json(200, InventoryViews.detail(d.item(), d.movements()));
    }

    /** A new count (more than before, under the threshold) for a sample SKU: wakes backorders, alerts. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest("PUT", Map.of("sku", "MUG-BLUE"),
                Map.of("onHand", 12, "lowStockThreshold", 3));
        var item = PrimingSamples.stockItem(now);
        return PrimingRun.of(Priming.answers().item(item, "sku").seller().anyQuery(), event);
    }
}
