package orderflow.functions.fulfillment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.InventoryViews;
import orderflow.shared.api.OrderViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.PackCheckService;

/**
 * POST /v1/orders/{orderId}/pack-checks {scans: [code, ...]}: which items are missing, extra or
 * wrong before the box is closed; a passed check is recorded on the order (and in its history).
 */
public class PackCheckHandler extends SellerRoute {

    private final PackCheckService service;

    public PackCheckHandler() {
        this(Adapters.live());
    }

    public PackCheckHandler(Adapters adapters) {
        super(adapters);
        this.service = new PackCheckService(adapters.orders(), adapters.inventory(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        PackCheckService.CheckResult r = service.packCheck(request.sellerId(), request.actor(), request.path("orderId"),
                request.body());
        Map<String, Object> body = InventoryViews.packCheck(r.check());
        body.put("order", OrderViews.detail(r.order(), clock.instant()));
        // 200 either way: a failed check is a normal answer at the bench, not an error.
        return Responses.json(200, body);
    }

    /** A complete box of the unshipped sample order, scanned by SKU (so the pass is recorded). */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        var order = PrimingSamples.unshippedOrder(now);
        List<String> scans = new ArrayList<>();
        order.unshippedBySku().forEach((sku, q) -> scans.addAll(Collections.nCopies(q, sku)));
        return PrimingRun.of(Priming.answers().order(order).batchGetFindsNothing(),
                PrimingSamples.sellerRequest(order.orderId(), Map.of("scans", scans)));
    }
}
