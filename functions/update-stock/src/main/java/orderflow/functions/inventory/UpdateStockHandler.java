package orderflow.functions.inventory;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    protected APIGatewayV2HTTPResponse handle(Request request, Context context) {
        String sku = request.path("sku");
        String actor = request.actor().toString();
        InventoryQueryService.Detail d = "PUT".equals(request.event().getRequestContext().getHttp().getMethod())
                ? service.put(request.sellerId(), actor, sku, request.body())
                : service.adjust(request.sellerId(), actor, sku, request.body());
        return Responses.json(200, InventoryViews.detail(d.item(), d.movements()));
    }

    /** A new count (more than before, under the threshold) for a sample SKU: wakes backorders, alerts. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        var item = Map.of("sellerId", AttributeValue.fromS(PrimingSamples.SELLER), "sku", AttributeValue.fromS("MUG-BLUE"),
                "onHand", AttributeValue.fromN("5"), "reserved", AttributeValue.fromN("1"),
                "available", AttributeValue.fromN("4"));
        APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest(null, Map.of("onHand", 12, "lowStockThreshold", 3));
        event.setPathParameters(Map.of("sku", "MUG-BLUE"));
        event.getRequestContext().setHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("PUT").build());
        return PrimingRun.of(Priming.answers().item(item, "sku").seller().anyQuery(), event);
    }
}
