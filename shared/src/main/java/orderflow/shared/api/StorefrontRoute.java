package orderflow.shared.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.aws.Adapters;

/** A route a storefront calls (signed, no API key): /webhooks/{storefrontId} and the like (see {@link StorefrontRoutes}). */
public abstract class StorefrontRoute extends HttpFunction {

    protected StorefrontRoute(Adapters adapters) {
        super(adapters);
    }

    protected abstract APIGatewayV2HTTPResponse handle(String storefrontId, APIGatewayV2HTTPEvent event, Context context);

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return StorefrontRoutes.handle(event, context, storefrontId -> handle(storefrontId, event, context));
    }
}
