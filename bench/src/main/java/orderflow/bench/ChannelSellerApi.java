package orderflow.bench;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.functions.actions.AcknowledgeOrderHandler;
import orderflow.functions.actions.CancelOrderHandler;
import orderflow.functions.actions.ConfirmDeliveryHandler;
import orderflow.functions.actions.ShipOrderHandler;
import orderflow.functions.returns.CreateRefundHandler;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Env;
import orderflow.shared.domain.TrackingNumbers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The seller API routes that owe a platform a change (acknowledge, ship, cancel, refund) and the
 * delivery between, as handlers in this JVM on metered clients, called as the bench seller.
 */
final class ChannelSellerApi {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    final Metering metering = new Metering();
    private final Fixture fx;
    private final Context context = new PrimingContext();
    private final ShipOrderHandler ship;
    private final AcknowledgeOrderHandler acknowledge;
    private final CancelOrderHandler cancel;
    private final ConfirmDeliveryHandler delivery;
    private final CreateRefundHandler refund;
    /** Package numbers for distinct, valid UPS tracking numbers (a repeated number is a repeated request). */
    private final AtomicLong packages = new AtomicLong(1_000_000);

    ChannelSellerApi(Fixture fx) {
        this.fx = fx;
        DynamoDbClient dynamo = dynamo(fx, metering);
        SqsClient sqs = sqs(fx, metering);
        SesV2Client ses = SesV2Client.builder().region(Region.of(fx.cloud.region())).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(fx.endpoint)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(metering)).build();
        ship = new ShipOrderHandler(adapters(dynamo, sqs, ses, "ShipOrderFunction"));
        acknowledge = new AcknowledgeOrderHandler(adapters(dynamo, sqs, ses, "AcknowledgeOrderFunction"));
        cancel = new CancelOrderHandler(adapters(dynamo, sqs, ses, "CancelOrderFunction"));
        delivery = new ConfirmDeliveryHandler(adapters(dynamo, sqs, ses, "ConfirmDeliveryFunction"));
        refund = new CreateRefundHandler(adapters(dynamo, sqs, ses, "CreateRefundFunction"));
    }

    static DynamoDbClient dynamo(Fixture fx, ExecutionInterceptor metering) {
        return DynamoDbClient.builder().region(Region.of(fx.cloud.region())).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(fx.endpoint)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(metering)).build();
    }

    static SqsClient sqs(Fixture fx, ExecutionInterceptor metering) {
        return SqsClient.builder().region(Region.of(fx.cloud.region())).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(fx.endpoint)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(metering)).build();
    }

    private Adapters adapters(DynamoDbClient dynamo, SqsClient sqs, SesV2Client ses, String functionId) {
        return Adapters.of(dynamo, sqs, ses, Env.of(new HashMap<>(fx.cloud.functionEnvironment(functionId))),
                Clock.systemUTC());
    }

    /** POST /v1/orders/{id}/shipments by UPS with a fresh tracking number; lines null ships all that is left. */
    APIGatewayV2HTTPResponse ship(String orderId, List<Map<String, Object>> lines) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("carrier", "UPS", "trackingNumber", nextTracking(),
                "shipDate", Instant.now().toString()));
        if (lines != null) {
            body.put("lines", lines);
        }
        return call(ship, "ship-order.json", orderId, body, 201);
    }

    APIGatewayV2HTTPResponse acknowledge(String orderId) {
        return call(acknowledge, "acknowledge-order.json", orderId, null, 200);
    }

    APIGatewayV2HTTPResponse cancel(String orderId) {
        return call(cancel, "cancel-order.json", orderId, Map.of("reason", "OUT_OF_STOCK", "note", "supplier delay"),
                200);
    }

    APIGatewayV2HTTPResponse deliver(String orderId) {
        return call(delivery, "confirm-delivery.json", orderId, Map.of("deliveredAt", Instant.now().toString()), 200);
    }

    /** A goodwill refund (no goods back) of 5.00 USD. */
    APIGatewayV2HTTPResponse goodwill(String orderId) {
        return call(refund, "create-refund.json", orderId, Map.of("amount", Map.of("amount", "5.00", "currency", "USD"),
                "reason", "Parcel arrived a week late", "requestId", UUID.randomUUID().toString()), 201);
    }

    private APIGatewayV2HTTPResponse call(SellerRoute handler, String fixture, String orderId, Map<String, Object> body,
                                          int expected) {
        APIGatewayV2HTTPResponse r = handler.handleRequest(Events.object(
                fx.events.sellerRoute(fixture, Fixture.SELLER, orderId, body, null), APIGatewayV2HTTPEvent.class),
                context);
        if (r.getStatusCode() / 100 != expected / 100) {
            throw new IllegalStateException(fixture + " for " + orderId + ": " + r.getStatusCode() + " " + r.getBody());
        }
        return r;
    }

    /** A UPS number (1Z, shipper 999AA1, service 01, 7 package digits) with its check digit. */
    private String nextTracking() {
        String stem = "1Z999AA101" + packages.getAndIncrement();
        for (int d = 0; d < 10; d++) {
            if (TrackingNumbers.check("UPS", stem + d).valid()) {
                return stem + d;
            }
        }
        throw new IllegalStateException("no check digit for " + stem);
    }
}
