package orderflow.functions.messages;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.MessageViews;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.AfterSaleSamples;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.MessageQueryService;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET /v1/messages?awaitingReply=true (threads waiting for the seller, oldest first, with how long)
 * and GET /v1/orders/{orderId}/messages (one order's conversation).
 */
public class ListMessagesHandler extends SellerRoute {

    private final MessageQueryService service;

    public ListMessagesHandler() {
        this(Adapters.live());
    }

    public ListMessagesHandler(Adapters adapters) {
        super(adapters);
        this.service = new MessageQueryService(adapters.messages(), adapters.orderReads(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(Request request) {
        String orderId = request.path("orderId");
        if (orderId != null) {
            return Responses.json(200, MessageViews.conversation(service.conversation(request.sellerId(), orderId)));
        }
        return Responses.json(200, MessageViews.waiting(service.awaiting(request.sellerId(), request.query())));
    }

    /** Lists waiting threads, then reads one order's conversation: one canned item reads as a thread and as a message. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        Order order = PrimingSamples.unshippedOrder(now);
        Map<String, AttributeValue> thread = AfterSaleSamples.waitingThread(order);
        APIGatewayV2HTTPEvent list = PrimingSamples.sellerQuery(Map.of("awaitingReply", "true"));
        return PrimingRun.of(Priming.answers().anyQuery(thread).order(order).item(thread, "pk"),
                list, PrimingSamples.sellerRequest(order.orderId(), null));
    }
}
