package orderflow.shared.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.fasterxml.jackson.jr.ob.JSON;

/**
 * Stream entry points for the handlers: the event JSON is read with jackson-jr (already loaded for
 * our own JSON) into the aws-lambda-java-events types, and the result written back the same way.
 * This keeps the Java runtime's reflective POJO serialiser (a shaded Jackson databind, joda-time)
 * out of the cold start, where bench/RESULTS.md showed it to be the largest cost beyond the floor.
 */
public final class LambdaStreams {

    private static final JSON JSON_IO = JSON.std.without(JSON.Feature.WRITE_NULL_PROPERTIES);

    private LambdaStreams() {
    }

    public static void http(InputStream in, OutputStream out,
                            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) throws IOException {
        APIGatewayV2HTTPResponse r = handler.apply(httpEvent(read(in)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", r.getStatusCode());
        json.put("headers", r.getHeaders());
        json.put("cookies", r.getCookies());
        json.put("body", r.getBody());
        json.put("isBase64Encoded", r.getIsBase64Encoded());
        JSON_IO.write(json, out);
    }

    public static void sqs(InputStream in, OutputStream out, Function<SQSEvent, SQSBatchResponse> handler)
            throws IOException {
        SQSBatchResponse r = handler.apply(sqsEvent(read(in)));
        List<Map<String, Object>> failures = new ArrayList<>();
        r.getBatchItemFailures().forEach(f -> failures.add(Map.of("itemIdentifier", f.getItemIdentifier())));
        JSON_IO.write(Map.of("batchItemFailures", failures), out);
    }

    public static void authorizer(InputStream in, OutputStream out,
                                  Function<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> handler)
            throws IOException {
        SimpleIAMPolicyResponse r = handler.apply(authorizerEvent(read(in)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("isAuthorized", r.getIsAuthorized());
        json.put("context", r.getContext());
        JSON_IO.write(json, out);
    }

    /**
     * A scheduled (EventBridge) invocation: the event as a map ({@code id}, {@code time}, ...) in,
     * the handler's report as JSON out.
     */
    public static void scheduled(InputStream in, OutputStream out,
                                 Function<Map<String, Object>, Map<String, Object>> handler) throws IOException {
        JSON_IO.write(handler.apply(read(in)), out);
    }

    /** An SQS event carrying these message bodies (priming and tools build events in code). */
    public static SQSEvent sqsEventOf(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("local-" + i);
            m.setBody(bodies[i]);
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    static APIGatewayV2HTTPEvent httpEvent(Map<String, Object> e) {
        Map<String, Object> rc = map(e.get("requestContext"));
        Map<String, Object> http = map(rc.get("http"));
        Map<String, Object> authorizer = map(rc.get("authorizer"));
        APIGatewayV2HTTPEvent.RequestContext.RequestContextBuilder context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(str(rc.get("accountId")))
                .withApiId(str(rc.get("apiId")))
                .withDomainName(str(rc.get("domainName")))
                .withDomainPrefix(str(rc.get("domainPrefix")))
                .withRequestId(str(rc.get("requestId")))
                .withRouteKey(str(rc.get("routeKey")))
                .withStage(str(rc.get("stage")))
                .withTime(str(rc.get("time")))
                .withTimeEpoch(rc.get("timeEpoch") instanceof Number n ? n.longValue() : 0L)
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(str(http.get("method")))
                        .withPath(str(http.get("path")))
                        .withProtocol(str(http.get("protocol")))
                        .withSourceIp(str(http.get("sourceIp")))
                        .withUserAgent(str(http.get("userAgent"))).build());
        if (authorizer.get("lambda") instanceof Map<?, ?>) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withLambda(map(authorizer.get("lambda"))).build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(str(e.get("version")))
                .withRouteKey(str(e.get("routeKey")))
                .withRawPath(str(e.get("rawPath")))
                .withRawQueryString(str(e.get("rawQueryString")))
                .withCookies(strings(e.get("cookies")))
                .withHeaders(stringMap(e.get("headers")))
                .withQueryStringParameters(stringMap(e.get("queryStringParameters")))
                .withPathParameters(stringMap(e.get("pathParameters")))
                .withStageVariables(stringMap(e.get("stageVariables")))
                .withBody(str(e.get("body")))
                .withIsBase64Encoded(Boolean.TRUE.equals(e.get("isBase64Encoded")))
                .withRequestContext(context.build())
                .build();
    }

    static SQSEvent sqsEvent(Map<String, Object> e) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Object o : list(e.get("Records"))) {
            Map<String, Object> r = map(o);
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(str(r.get("messageId")));
            m.setReceiptHandle(str(r.get("receiptHandle")));
            m.setBody(str(r.get("body")));
            m.setMd5OfBody(str(r.get("md5OfBody")));
            m.setEventSource(str(r.get("eventSource")));
            m.setEventSourceArn(str(r.get("eventSourceARN")));
            m.setAwsRegion(str(r.get("awsRegion")));
            m.setAttributes(stringMap(r.get("attributes")));
            Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
            map(r.get("messageAttributes")).forEach((k, v) -> {
                SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
                a.setDataType(str(map(v).get("dataType")));
                a.setStringValue(str(map(v).get("stringValue")));
                attributes.put(k, a);
            });
            m.setMessageAttributes(attributes);
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    static APIGatewayV2CustomAuthorizerEvent authorizerEvent(Map<String, Object> e) {
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion(str(e.get("version")))
                .withType(str(e.get("type")))
                .withRouteArn(str(e.get("routeArn")))
                .withIdentitySource(strings(e.get("identitySource")))
                .withRouteKey(str(e.get("routeKey")))
                .withRawPath(str(e.get("rawPath")))
                .withRawQueryString(str(e.get("rawQueryString")))
                .withCookies(strings(e.get("cookies")))
                .withHeaders(stringMap(e.get("headers")))
                .withQueryStringParameters(stringMap(e.get("queryStringParameters")))
                .withPathParameters(stringMap(e.get("pathParameters")))
                .withStageVariables(stringMap(e.get("stageVariables")))
                .build();
    }

    private static Map<String, Object> read(InputStream in) throws IOException {
        Object value = JSON_IO.anyFrom(in);
        if (!(value instanceof Map<?, ?>)) {
            throw new IOException("the event is not a JSON object");
        }
        return map(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static List<String> strings(Object o) {
        if (!(o instanceof List<?> l)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        l.forEach(x -> out.add(str(x)));
        return out;
    }

    private static Map<String, String> stringMap(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), str(v)));
        return out;
    }
}
