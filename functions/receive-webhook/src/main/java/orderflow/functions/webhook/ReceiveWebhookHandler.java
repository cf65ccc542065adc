package orderflow.functions.webhook;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.Log;
import orderflow.shared.api.Requests;
import orderflow.shared.api.StorefrontRoute;
import orderflow.shared.api.StorefrontRoutes;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.ReceiveOrderService;

/** POST /webhooks/{storefrontId}: a storefront delivers an order (generic signed JSON). Answers 202. */
public class ReceiveWebhookHandler extends StorefrontRoute {

    private final ReceiveOrderService service;

    public ReceiveWebhookHandler() {
        this(Adapters.live());
    }

    public ReceiveWebhookHandler(Adapters adapters) {
        super(adapters);
        this.service = new ReceiveOrderService(adapters.accountsWithSecrets(), adapters.orders(), adapters.orderQueue(),
                adapters.deliveryLog(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(String storefrontId, APIGatewayV2HTTPEvent event, Context context) {
        ReceiveOrderService.Receipt receipt = service.receive(storefrontId, name -> Requests.header(event, name),
                Requests.rawBody(event));
        Log.info(context, "webhook.received", "storefrontId", storefrontId, "orderId", receipt.orderId(),
                "outcome", receipt.duplicate() ? "redelivered" : "accepted", "status", receipt.status(),
                "note", receipt.note());
        return StorefrontRoutes.receipt(receipt);
    }

    /** A broken delivery, then a signed sample order: both paths loaded, the last one accepted. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        return new PrimingRun<>(Priming.answers().item(PrimingSamples.storefrontItem(), "pk"),
                PrimingSamples.signedDeliveries(now));
    }
}
