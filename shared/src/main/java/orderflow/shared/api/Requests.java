package orderflow.shared.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.json.Json;

/** Readers of HTTP API (payload 2.0) requests: headers, the authorizer's seller, the body, path parameters. */
public final class Requests {

    private Requests() {
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

    /** Who is calling, for the order history: the API key's public id from the authorizer. */
    public static Actor actor(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        Object id = context == null || context.getAuthorizer() == null || context.getAuthorizer().getLambda() == null
                ? null : context.getAuthorizer().getLambda().get("keyId");
        return Actor.sellerKey(id instanceof String s && !s.isBlank() ? s : null);
    }

    /** Largest JSON body a seller action accepts; far above any real shipment of 98 lines. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The JSON object in the body; an absent body is {} when {@code optional}. */
    public static Map<String, Object> jsonBody(APIGatewayV2HTTPEvent event, boolean optional) {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            try {
                body = Json.utf8Request(Base64.getDecoder().decode(body)); // not UTF-8: 400 on "body"
            } catch (IllegalArgumentException e) {
                body = "\u0000"; // not base64 after all: reported as invalid JSON below
            }
        }
        if ((body == null || body.isBlank()) && optional) {
            return Map.of();
        }
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new Failure.TooLarge("The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        return Json.parseRequest(body);
    }

    /** The body's bytes exactly as sent (signatures are over these); base64 decoded when API Gateway encoded it. */
    public static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    public static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? null : params.get(name);
    }
}
