package orderflow.functions.messages;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.MessageViews;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.StorefrontRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.AfterSaleSamples;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.ReceiveMessageService;

/**
 * POST /webhooks/{storefrontId}/messages {externalOrderId, messageId, body, sentAt?}: a buyer's
 * message, signed like an order. Stored once per messageId; the thread then waits for the seller.
 */
public class ReceiveBuyerMessageHandler extends StorefrontRoute {

    private final ReceiveMessageService service;

    public ReceiveBuyerMessageHandler() {
        this(Adapters.live());
    }

    public ReceiveBuyerMessageHandler(Adapters adapters) {
        super(adapters);
        this.service = new ReceiveMessageService(adapters.messages(), adapters.orderReads(), adapters.accountsWithSecrets(),
                adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(String storefrontId, APIGatewayV2HTTPEvent event, Context context) {
        return Responses.json(202, MessageViews.received(service.receive(storefrontId,
                name -> Requests.header(event, name), Requests.rawBody(event))));
    }

    /** Receives a signed sample message about a sample order. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.unshippedOrder(now);
        return PrimingRun.of(Priming.answers().item(PrimingSamples.storefrontItem(), "pk").order(order),
                AfterSaleSamples.signedMessage(order, now));
    }
}
