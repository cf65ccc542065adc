package orderflow.shared.api;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.aws.Adapters;
import orderflow.shared.domain.Actor;

/**
 * A /v1 route of the seller API. The seller comes only from the API-key authorizer's context (none:
 * 401); a {@link orderflow.shared.domain.Failure} becomes its problem+json, anything else a 500
 * problem with the request id (see {@link SellerRoutes}).
 */
public abstract class SellerRoute extends HttpFunction {

    /** One request of an authenticated seller. */
    public record Request(String sellerId, APIGatewayV2HTTPEvent event, Context context) {
        public String method() {
            return event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                    : event.getRequestContext().getHttp().getMethod();
        }

        public String path(String name) {
            return Requests.pathParameter(event, name);
        }

        public Actor actor() {
            return Requests.actor(event);
        }

        public String header(String name) {
            return Requests.header(event, name);
        }

        /** The JSON body; 400 when it is absent or not a JSON object. */
        public Map<String, Object> body() {
            return Requests.jsonBody(event, false);
        }

        /** The JSON body, or {} when there is none. */
        public Map<String, Object> optionalBody() {
            return Requests.jsonBody(event, true);
        }

        public Map<String, String> query() {
            return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        }
    }

    protected SellerRoute(Adapters adapters) {
        super(adapters);
    }

    protected abstract APIGatewayV2HTTPResponse handle(Request request);

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> handle(new Request(sellerId, event, context)));
    }
}
