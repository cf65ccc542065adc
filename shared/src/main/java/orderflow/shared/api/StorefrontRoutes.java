package orderflow.shared.api;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.domain.Failure;

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
}
