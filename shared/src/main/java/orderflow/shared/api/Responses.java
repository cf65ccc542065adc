package orderflow.shared.api;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.json.Json;

/** Small helpers for HTTP API (payload 2.0) handlers. */
public final class Responses {

    private Responses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, "application/json");
    }

    static APIGatewayV2HTTPResponse json(int status, Object body, String contentType) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("content-type", contentType, "cache-control", "no-store"))
                .withBody(Json.write(body))
                .build();
    }

    /** Header lookup that does not depend on case (HTTP API lower-cases, other callers may not). */
    public static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The seller id the API-key authorizer put into the request context, or null. */
    public static String sellerId(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getLambda() == null) {
            return null;
        }
        Object id = context.getAuthorizer().getLambda().get("sellerId");
        return id instanceof String s && !s.isBlank() ? s : null;
    }

    public static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? null : params.get(name);
    }
}
