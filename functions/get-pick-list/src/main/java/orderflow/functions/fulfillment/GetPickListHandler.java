package orderflow.functions.fulfillment;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.InventoryViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.PickListService;

/** GET /v1/picklist?orders=id,id|status=UNSHIPPED: lines grouped by SKU, in bin order. */
public class GetPickListHandler extends SellerRoute {

    private final PickListService service;

    public GetPickListHandler() {
        this(Adapters.live());
    }

    public GetPickListHandler(Adapters adapters) {
        super(adapters);
        this.service = new PickListService(adapters.orderReads(), adapters.inventory());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return Responses.json(200, InventoryViews.pickList(service.pickList(request.sellerId(), request.query())));
    }

    /** A pick list of the unshipped sample order (its SKUs unknown to the inventory). */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        var order = PrimingSamples.unshippedOrder(now);
        return PrimingRun.of(Priming.answers().anyQuery(PrimingSamples.orderItem(order)).batchGetFindsNothing(),
                PrimingSamples.sellerRequest(null, null));
    }
}
