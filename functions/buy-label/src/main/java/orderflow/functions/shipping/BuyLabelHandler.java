package orderflow.functions.shipping;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LabelViews;
import orderflow.shared.api.OrderViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.shipping.Label;
import orderflow.shared.ports.LabelFiles;
import orderflow.shared.service.BuyLabel;
import orderflow.shared.service.ShipOrder;
import orderflow.shared.service.VoidLabel;

/**
 * POST /v1/orders/{orderId}/labels {quoteId, rateId, format?}: buys the rate (once, whatever the
 * retries) and ships the parcel with it; POST /v1/orders/{orderId}/labels/{labelId}/void gives it back
 * before the parcel moves; GET /v1/orders/{orderId}/labels lists them with short-lived print links.
 */
public class BuyLabelHandler extends SellerRoute {

    private final BuyLabel buy;
    private final VoidLabel voids;
    private final Adapters adapters;

    public BuyLabelHandler() {
        this(Adapters.live());
    }

    public BuyLabelHandler(Adapters adapters) {
        super(adapters);
        this.adapters = adapters;
        var orders = adapters.ordersWithStockLogAndSyncs();
        ShipOrder ship = new ShipOrder(orders, adapters.accounts(), adapters.emailOutbox(), adapters.channelSyncs(),
                adapters.syncQueue(), adapters.clock());
        this.buy = new BuyLabel(orders, adapters.carrierAccounts(), adapters.carriers(), adapters.labels(),
                adapters.labelFiles(), ship, adapters.clock());
        this.voids = new VoidLabel(orders, adapters.carrierAccounts(), adapters.carriers(), adapters.labels(),
                adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        String orderId = request.path("orderId");
        LabelFiles files = adapters.labelFiles();
        if ("GET".equals(request.method())) {
            List<Map<String, Object>> labels = adapters.labels().forOrder(request.sellerId(),
                    new orderflow.shared.service.OrderQueryService(adapters.orderReads())
                            .get(request.sellerId(), orderId).orderId())
                    .stream().map(l -> LabelViews.label(l, files)).toList();
            return Responses.json(200, Map.of("labels", labels));
        }
        String labelId = request.path("labelId");
        BuyLabel.Bought result = labelId == null
                ? buy.buy(request.sellerId(), request.actor(), orderId, request.body())
                : voids.voidLabel(request.sellerId(), request.actor(), orderId, labelId);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("label", LabelViews.label(result.label(), files));
        body.put("order", OrderViews.detail(result.order(), clock.instant()));
        body.put("changed", result.changed());
        return Responses.json(result.changed() && labelId == null ? 201 : 200, body);
    }

    /** A repeated purchase of the sample order's label: quote, label and order read, the print link signed. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.labelledOrder(now);
        Label label = PrimingSamples.label(order, now);
        APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest("POST", Map.of("orderId", order.orderId()),
                Map.of("quoteId", label.quoteId(), "rateId", label.rateId()));
        return PrimingRun.of(Priming.answers().order(order)
                .itemWhere("sk", "QUOTE#" + label.quoteId(), PrimingSamples.quoteItem(order, label, now))
                .itemWhere("sk", "LABEL#" + label.labelId(), PrimingSamples.labelItem(label)), event);
    }
}
