package orderflow.functions.actions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.BulkActionViews;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.AcknowledgeOrder;
import orderflow.shared.service.BulkOrderActions;
import orderflow.shared.service.CancelOrder;

/**
 * POST /v1/orders/bulk-actions {action: acknowledge | cancel, orderIds: [1..100], reason?, note?} with an
 * optional Idempotency-Key: 200 with one outcome per order; a repeat with the same key is answered as
 * the first time without touching any order.
 */
public class BulkOrderActionsHandler extends SellerRoute {

    private final BulkOrderActions service;

    public BulkOrderActionsHandler() {
        this(Adapters.live());
    }

    public BulkOrderActionsHandler(Adapters adapters) {
        super(adapters);
        this.service = new BulkOrderActions(
                new AcknowledgeOrder(adapters.ordersWithSyncs(), adapters.channelSyncs(), adapters.syncQueue(),
                        adapters.clock()),
                new CancelOrder(adapters.ordersWithStockAndSyncs(), adapters.accounts(), adapters.emailOutbox(),
                        adapters.lowStockAlerts(), adapters.orderQueue(), adapters.channelSyncs(),
                        adapters.syncQueue(), adapters.clock()),
                adapters.bulkAnswers(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return BulkActionViews.response(service.answer(request.sellerId(), request.actor(), request.body(),
                request.header("idempotency-key"), request.context()::getRemainingTimeInMillis,
                run -> BulkActionViews.render(run, request.context())));
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        // A cancel walks the most code (stock, email, channel sync); the second id is unknown: a 404 outcome.
        Order order = PrimingSamples.unshippedOrder(now);
        return PrimingRun.of(Priming.answers().order(order).seller().itemWhere("pk", "CHANNEL#" + order.storefrontId(),
                PrimingSamples.channelLinkItem(order.storefrontId())),
                PrimingSamples.sellerRequest(null, Map.of("action", "cancel", "reason", "OUT_OF_STOCK",
                        "orderIds", List.of(order.orderId(), "ord_" + "0".repeat(26)))));
    }
}
