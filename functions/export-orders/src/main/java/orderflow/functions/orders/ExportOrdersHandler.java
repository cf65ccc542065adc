package orderflow.functions.orders;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.ExportResponses;
import orderflow.shared.api.OrderCsv;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.OrderExportService;

/**
 * GET /v1/orders/export?from=&to=&cursor=: the seller's orders as CSV. A range too large for one
 * response ends early with a Link rel="next" header (and X-Next-Cursor) to fetch the rest.
 */
public class ExportOrdersHandler extends SellerRoute {

    /** Stop reading pages when less than this is left of the invocation. */
    private static final int RESERVE_MILLIS = 3_000;

    private final OrderExportService service;

    public ExportOrdersHandler() {
        this(Adapters.live());
    }

    public ExportOrdersHandler(Adapters adapters) {
        super(adapters);
        this.service = new OrderExportService(adapters.orderReads());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        OrderExportService.Export export = service.export(request.sellerId(), request.query(), clock.instant(),
                OrderCsv::row, OrderCsv.HEADER, () -> request.context().getRemainingTimeInMillis() > RESERVE_MILLIS);
        return ExportResponses.csv(export);
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        APIGatewayV2HTTPEvent event = PrimingSamples.sellerQuery(Map.of("from", now.minusSeconds(86_400).toString()));
        return PrimingRun.of(Priming.answers().anyQuery(PrimingSamples.orderItem(PrimingSamples.shippedOrder(now))),
                event);
    }
}
