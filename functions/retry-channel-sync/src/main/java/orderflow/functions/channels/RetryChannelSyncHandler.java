package orderflow.functions.channels;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.OrderViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.RetryChannelSync;

/**
 * POST /v1/orders/{orderId}/channel-syncs/{syncId}/retry: a failed platform sync tried again (a
 * pending one nudged); answers the sync as it now stands.
 */
public class RetryChannelSyncHandler extends SellerRoute {

    private final RetryChannelSync service;

    public RetryChannelSyncHandler() {
        this(Adapters.live());
    }

    public RetryChannelSyncHandler(Adapters adapters) {
        super(adapters);
        this.service = new RetryChannelSync(adapters.orderReads(), adapters.channelSyncsWithoutLinks(),
                adapters.syncQueue(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        request.optionalBody(); // none needed; one sent must still be a JSON object
        RetryChannelSync.Result result = service.retry(request.sellerId(), request.path("orderId"),
                request.path("syncId"));
        Map<String, Object> json = new LinkedHashMap<>(OrderViews.channelSync(result.sync()));
        json.put("changed", result.changed());
        return Responses.json(result.changed() ? 202 : 200, json);
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.order(now);
        APIGatewayV2HTTPEvent request = PrimingSamples.sellerRequest(order.orderId(), null);
        request.setPathParameters(Map.of("orderId", order.orderId(), "syncId", PrimingSamples.SYNC_ID));
        // The sync is done already: the route answers it without a write or a send.
        return PrimingRun.of(Priming.answers().order(order).itemWhere("syncId", PrimingSamples.SYNC_ID,
                PrimingSamples.doneSyncItem(order.orderId())), request);
    }
}
