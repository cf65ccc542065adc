package orderflow.shared.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The handlers' stream entry reads every events/ fixture into the same event object as the Java
 * runtime's own serialiser does, and writes responses in the shape API Gateway and SQS expect.
 */
class LambdaStreamsTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = LambdaStreamsTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static <T> T lambda(String json, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaStreamsTest.class.getClassLoader()).fromJson(json);
    }

    @Test
    void http_events_match_the_runtime_serialiser() throws IOException {
        for (String name : List.of("receive-webhook.json", "get-order.json")) {
            String json = fixture(name);
            assertEquals(lambda(json, APIGatewayV2HTTPEvent.class).toString(),
                    LambdaStreams.httpEvent(Json.parseObject(json)).toString(), name);
        }
    }

    @Test
    void sqs_and_authorizer_events_match_the_runtime_serialiser() throws IOException {
        for (String name : List.of("process-order.json", "send-email.json")) {
            String json = fixture(name);
            assertEquals(lambda(json, SQSEvent.class).toString(), LambdaStreams.sqsEvent(Json.parseObject(json)).toString(),
                    name);
        }
        String json = fixture("api-key-authorizer.json");
        APIGatewayV2CustomAuthorizerEvent expected = lambda(json, APIGatewayV2CustomAuthorizerEvent.class);
        APIGatewayV2CustomAuthorizerEvent actual = LambdaStreams.authorizerEvent(Json.parseObject(json));
        assertEquals(expected.getHeaders(), actual.getHeaders());
        assertEquals(expected.getIdentitySource(), actual.getIdentitySource());
        assertEquals(expected.getRouteArn(), actual.getRouteArn());
    }

    @Test
    void responses_are_written_in_the_wire_shape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaStreams.http(new ByteArrayInputStream(fixture("get-order.json").getBytes(StandardCharsets.UTF_8)), out,
                e -> APIGatewayV2HTTPResponse.builder().withStatusCode(404).withHeaders(Map.of("content-type", "x"))
                        .withBody(e.getPathParameters().get("orderId")).build());
        assertEquals(Map.of("statusCode", 404, "headers", Map.of("content-type", "x"), "body", "ord_REPLACED_BY_TEST",
                "isBase64Encoded", false), Json.parseObject(out.toString(StandardCharsets.UTF_8)));

        out.reset();
        LambdaStreams.sqs(new ByteArrayInputStream(fixture("process-order.json").getBytes(StandardCharsets.UTF_8)), out,
                e -> new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(e.getRecords().get(0).getMessageId()))));
        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "059f36b4-87a3-44ab-83d2-661975830a7d"))),
                Json.parseObject(out.toString(StandardCharsets.UTF_8)));

        out.reset();
        LambdaStreams.authorizer(new ByteArrayInputStream(fixture("api-key-authorizer.json").getBytes(StandardCharsets.UTF_8)),
                out, e -> SimpleIAMPolicyResponse.builder().withIsAuthorized(true).withContext(Map.of("sellerId", "s")).build());
        assertEquals(Map.of("isAuthorized", true, "context", Map.of("sellerId", "s")),
                Json.parseObject(out.toString(StandardCharsets.UTF_8)));
    }
}
