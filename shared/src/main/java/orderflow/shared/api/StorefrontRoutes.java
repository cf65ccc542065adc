package orderflow.shared.api;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
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
            context.getLogger().log(event.getRouteKey() + " for storefront " + storefrontId + " refused: "
                    + f.getClass().getSimpleName() + ": " + f.getMessage(), LogLevel.WARN);
            return Problems.from(f);
        } catch (RuntimeException e) {
            context.getLogger().log(event.getRouteKey() + " for storefront " + storefrontId + " failed: " + e,
                    LogLevel.ERROR);
            return Problems.internalError(context.getAwsRequestId());
        }
    }
}
