package orderflow.functions.returns;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.Responses;
import orderflow.shared.api.ReturnViews;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.AfterSaleSamples;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoReturns;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.service.ReceiveReturnService;

/**
 * POST /v1/returns/{rmaId}/receive {lines: [{sku, quantity, condition}]}: sellable units back in
 * stock, damaged ones written off, and the refund the policy dictates recorded at once, then sent
 * to the storefront and emailed. 201 with the RMA and refund; a repeat answers 200, changed false.
 */
public class ReceiveReturnHandler extends SellerRoute {

    private final ReceiveReturnService service;

    public ReceiveReturnHandler() {
        this(Adapters.live());
    }

    public ReceiveReturnHandler(Adapters adapters) {
        super(adapters);
        DynamoOrders orders = adapters.ordersWithStockLogAndSyncs();
        DynamoReturns returns = adapters.returns();
        this.service = new ReceiveReturnService(orders, returns, adapters.refunds(orders, returns),
                adapters.returnPolicies(), adapters.accounts(), adapters.emailOutbox(), adapters.refundNotices(),
                adapters.orderQueue(), adapters.lowStockAlerts(), adapters.channelSyncs(), adapters.syncQueue(),
                adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        ReceiveReturnService.Receipt receipt = service.receive(request.sellerId(), request.actor(),
                request.path("rmaId"), request.body());
        return Responses.json(receipt.changed() ? 201 : 200, ReturnViews.receipt(receipt, clock.instant()));
    }

    /** Receives a damaged unit of a delivered sample order: its only RMA (sequence 2 is missing). */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order delivered = AfterSaleSamples.deliveredOrder(now);
        ReturnAuthorization rma = AfterSaleSamples.returnOf(delivered, now);
        return PrimingRun.of(Priming.answers().itemWhere("rmaId", rma.rmaId(), PrimingSamples.returnItem(rma))
                .noItem("rmaId").order(delivered).seller().itemWhere("pk", "CHANNEL#" + delivered.storefrontId(),
                PrimingSamples.channelLinkItem(delivered.storefrontId())), AfterSaleSamples.receiveRequest(rma));
    }
}
