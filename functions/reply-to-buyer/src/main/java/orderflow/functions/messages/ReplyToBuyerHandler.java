package orderflow.functions.messages;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.MessageViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.ReplyToBuyerService;

/** POST /v1/orders/{orderId}/messages {body}: the seller's answer, emailed to the buyer; closes the wait. */
public class ReplyToBuyerHandler extends SellerRoute {

    private final ReplyToBuyerService service;

    public ReplyToBuyerHandler() {
        this(Adapters.live());
    }

    public ReplyToBuyerHandler(Adapters adapters) {
        super(adapters);
        this.service = new ReplyToBuyerService(adapters.messages(), adapters.orderReads(), adapters.accounts(),
                adapters.emailOutbox(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        return Responses.json(201, MessageViews.replied(service.reply(request.sellerId(), request.actor(),
                request.path("orderId"), request.body())));
    }

    /** Answers a sample order's thread (the seller's settings answer the thread read too: no wait). */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.unshippedOrder(now);
        return PrimingRun.of(Priming.answers().order(order).seller(),
                PrimingSamples.sellerRequest(order.orderId(), Map.of("body", "It ships today.")));
    }
}
