package orderflow.functions.metrics;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.MetricsViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.MetricsService;

/**
 * GET /v1/metrics?window=: the seller's Amazon-style performance metrics, each with its target
 * and status, and a daily chart of the last window days (docs/metrics.md).
 */
public class GetMetricsHandler extends SellerRoute {

    private final MetricsService service;

    public GetMetricsHandler() {
        this(Adapters.live());
    }

    public GetMetricsHandler(Adapters adapters) {
        super(adapters);
        this.service = new MetricsService(adapters.orderReads(), adapters.messages(), adapters.accounts(),
                adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return Responses.json(200, MetricsViews.metrics(service.metrics(request.sellerId(), request.query())));
    }

    /** The sample seller's metrics over one shipped order and no messages. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        var order = PrimingSamples.shippedOrder(now);
        APIGatewayV2HTTPEvent event = PrimingSamples.sellerQuery(Map.of("window", "30"));
        return PrimingRun.of(Priming.answers().query("BySellerCreated", PrimingSamples.orderItem(order)).anyQuery()
                .seller(), event);
    }
}
