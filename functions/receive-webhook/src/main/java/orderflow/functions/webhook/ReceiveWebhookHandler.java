package orderflow.functions.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.Log;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.StorefrontRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.security.WebhookSignature;
import orderflow.shared.service.ReceiveOrderService;

/** POST /webhooks/{storefrontId}: a storefront delivers an order (generic signed JSON). Answers 202. */
public class ReceiveWebhookHandler extends StorefrontRoute {

    private final ReceiveOrderService service;

    public ReceiveWebhookHandler() {
        this(Adapters.live());
    }

    public ReceiveWebhookHandler(Adapters adapters) {
        super(adapters);
        this.service = new ReceiveOrderService(adapters.accounts(), adapters.orders(), adapters.orderQueue(),
                adapters.deliveryLog(), adapters.clock());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(String storefrontId, APIGatewayV2HTTPEvent event, Context context) {
        ReceiveOrderService.Receipt receipt = service.receive(storefrontId, name -> Requests.header(event, name),
                Requests.rawBody(event));
        Log.info(context, "webhook.received", "storefrontId", storefrontId, "orderId", receipt.orderId(),
                "outcome", receipt.duplicate() ? "redelivered" : "accepted", "status", receipt.status(),
                "note", receipt.note());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orderId", receipt.orderId());
        answer.put("status", receipt.status() == null ? null : receipt.status().name());
        answer.put("duplicate", receipt.duplicate());
        answer.put("note", receipt.note());
        // 202: accepted for processing; 200: nothing to process (a ping, a topic we do not act on).
        return Responses.json(receipt.orderId() == null ? 200 : 202, answer);
    }

    /** A broken delivery, then a signed sample order: both paths loaded, the last one accepted. */
    @Override
    protected PrimingRun<APIGatewayV2HTTPEvent> priming(Instant now) {
        String body = PrimingSamples.orderJson();
        String signature = WebhookSignature.sign(PrimingSamples.SECRET, now.getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder event = APIGatewayV2HTTPEvent.builder()
                .withPathParameters(Map.of("storefrontId", PrimingSamples.STOREFRONT))
                .withHeaders(Map.of(WebhookSignature.HEADER, signature, "content-type", "application/json"));
        return PrimingRun.of(Priming.answers().item(PrimingSamples.storefrontItem(), "pk"),
                event.withBody("{\"lines\": 1}").build(), event.withBody(body).build());
    }
}
