package orderflow.shared.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.domain.Failure;
import orderflow.shared.service.ReceiveOrderService;

/**
 * The frame of every /webhooks route: storefronts sign the body instead of using an API key.
 * Refusals are logged (never the body or the signature) and answered as problem+json; anything
 * else is a 500 the storefront retries.
 */
public final class StorefrontRoutes {

    private StorefrontRoutes() {
    }

    public static APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context,
                                                  Function<String, APIGatewayV2HTTPResponse> route) {
        String storefrontId = Requests.pathParameter(event, "storefrontId");
        try {
            return route.apply(storefrontId);
        } catch (Failure f) {
            Log.warn(context, "delivery.refused", "route", event.getRouteKey(), "storefrontId", storefrontId,
                    "outcome", f.getClass().getSimpleName(), "detail", f.getMessage());
            return Problems.from(f);
        } catch (RuntimeException e) {
            Log.error(context, "delivery.failed", "route", event.getRouteKey(), "storefrontId", storefrontId,
                    "error", e.toString());
            return Problems.internalError(context.getAwsRequestId());
        }
    }

    /** A delivery's answer: 202 accepted for processing; 200 when there is nothing to process (a ping, a topic we do not act on). */
    public static APIGatewayV2HTTPResponse receipt(ReceiveOrderService.Receipt receipt) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orderId", receipt.orderId());
        answer.put("status", receipt.status() == null ? null : receipt.status().name());
        answer.put("duplicate", receipt.duplicate());
        answer.put("note", receipt.note());
        return Responses.json(receipt.orderId() == null ? 200 : 202, answer);
    }
}
