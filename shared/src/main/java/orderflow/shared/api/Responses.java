package orderflow.shared.api;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.json.Json;

/** HTTP API (payload 2.0) responses: JSON, text and binary bodies with our default headers. */
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

    /** A non-JSON body (CSV); {@code extraHeaders} such as Link are added to the defaults. */
    public static APIGatewayV2HTTPResponse text(int status, String body, String contentType,
                                                Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("cache-control", "no-store");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    /**
     * A binary body (a PDF): payload 2.0 carries it base64 with isBase64Encoded, and API Gateway
     * sends the client the decoded bytes.
     */
    public static APIGatewayV2HTTPResponse binary(int status, byte[] body, String contentType,
                                                  Map<String, String> extraHeaders) {
        APIGatewayV2HTTPResponse response = text(status, Base64.getEncoder().encodeToString(body), contentType,
                extraHeaders);
        response.setIsBase64Encoded(true);
        return response;
    }
}
