package orderflow.shared.api;

import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.domain.Failure;

/**
 * The frame of every /v1 route: the seller comes only from the API-key authorizer's context;
 * expected failures become their problem+json, anything else a 500 problem with the request id.
 */
public final class SellerRoutes {

    private SellerRoutes() {
    }

    public static APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context,
                                                  Function<String, APIGatewayV2HTTPResponse> route) {
        String sellerId = Requests.sellerId(event);
        if (sellerId == null) {
            return Problems.problem(401, "unauthorized", "Unauthorized", "An API key is required.", List.of());
        }
        try {
            return route.apply(sellerId);
        } catch (Failure f) {
            return Problems.from(f);
        } catch (RuntimeException e) {
            Log.error(context, "request.failed", "route", event.getRouteKey(), "sellerId", sellerId,
                    "orderId", Requests.pathParameter(event, "orderId"), "error", e.toString());
            return Problems.internalError(context.getAwsRequestId());
        }
    }
}
