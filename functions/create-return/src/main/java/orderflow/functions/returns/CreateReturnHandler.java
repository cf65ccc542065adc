package orderflow.functions.returns;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.HttpFunction;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.ReturnViews;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.StorefrontRoutes;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.AfterSaleSamples;
import orderflow.shared.aws.Priming;
import orderflow.shared.domain.Order;
import orderflow.shared.service.ReturnService;

/**
 * POST /v1/orders/{orderId}/returns {lines: [{sku, quantity, reason}], requestId} (or an
 * Idempotency-Key header): an RMA within the seller's return policy, the buyer emailed the
 * instructions; outside it, 422 naming the rule. A retry with the same request id answers 200 with
 * the first RMA and emails nothing. The same
 * request from the storefront (the buyer asked there): POST /webhooks/{storefrontId}/returns
 * {returnId, externalOrderId, lines}, signed like its orders; a redelivery answers 200, duplicate true.
 */
public class CreateReturnHandler extends HttpFunction {

    private final ReturnService service;

    public CreateReturnHandler() {
        this(Adapters.live());
    }

    public CreateReturnHandler(Adapters adapters) {
        super(adapters);
        this.service = new ReturnService(adapters.orderReads(), adapters.returns(), adapters.returnPolicies(),
                adapters.accountsWithSecrets(), adapters.emailOutbox(), adapters.clock());
    }

    /** Both routes: the storefront's (signed) and the seller's (API key). */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (String.valueOf(event.getRouteKey()).startsWith("POST /webhooks/")) {
            return StorefrontRoutes.handle(event, context, storefrontId -> {
                ReturnService.Requested r = service.fromStorefront(storefrontId, name -> Requests.header(event, name),
                        Requests.rawBody(event));
                return Responses.json(r.duplicate() ? 200 : 201, ReturnViews.requested(r));
            });
        }
        return SellerRoutes.handle(event, context, sellerId -> {
            ReturnService.Requested r = service.authorize(sellerId, Requests.pathParameter(event, "orderId"),
                    Requests.jsonBody(event, false), Requests.header(event, "Idempotency-Key"));
            return Responses.json(r.duplicate() ? 200 : 201, ReturnViews.authorized(r.rma()));
        });
    }

    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order delivered = AfterSaleSamples.deliveredOrder(now);
        return PrimingRun.of(Priming.answers().order(delivered).seller().anyQuery().noItem("rmaId"),
                AfterSaleSamples.returnRequest(delivered));
    }
}
