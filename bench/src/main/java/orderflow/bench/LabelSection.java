package orderflow.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.functions.shipping.BuyLabelHandler;
import orderflow.functions.shipping.GetRatesHandler;
import orderflow.functions.shipping.ReceiveTrackingEventHandler;
import orderflow.local.carriers.FakeEasyPost;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.aws.Env;
import orderflow.shared.domain.Address;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.ShipAddress;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A label's round trip on the local stack, in process against the emulator and the EasyPost fake:
 * rates, purchase (label fetched and stored in the labels bucket, shipment recorded, email and
 * outbox written) and the signed tracking scan that delivers the order; how long each step takes,
 * how many DynamoDB calls it makes, and that every order was charged exactly once.
 */
final class LabelSection {

    private static final String SECRET = "bench-webhook-secret";
    private static final Map<String, Object> PARCEL = Map.of("weightGrams", 800, "box",
            Map.of("lengthMm", 300, "widthMm", 200, "heightMm", 100));

    private LabelSection() {
    }

    static void run(Report report, Fixture fx, SqsClient sqs, S3Client s3, S3Presigner presigner, int count)
            throws Exception {
        InProcess in = new InProcess(fx);
        try (FakeEasyPost easyPost = new FakeEasyPost()) {
            DynamoAdmin admin = new DynamoAdmin(fx.dynamo, fx.ref("AccountsTable"), fx.ref("InventoryTable"));
            admin.putCarrierAccount(new CarrierAccount(Fixture.SELLER, CarrierAccount.EASYPOST, easyPost.baseUrl(),
                    Map.of(), Map.of("apiKey", FakeEasyPost.API_KEY, "webhookSecret", SECRET)));
            admin.putShipFrom(Fixture.SELLER, new ShipAddress(new Address("Bench Store", "1 Dock St", null, "Seattle",
                    "WA", "98101", "US"), null, null, null));
            GetRatesHandler rates = new GetRatesHandler(adapters(fx, in, sqs, s3, presigner, "GetRatesFunction"));
            BuyLabelHandler buy = new BuyLabelHandler(adapters(fx, in, sqs, s3, presigner, "BuyLabelFunction"));
            ReceiveTrackingEventHandler tracking = new ReceiveTrackingEventHandler(adapters(fx, in, sqs, s3, presigner,
                    "ReceiveTrackingEventFunction"));
            List<Double> rateMs = new ArrayList<>();
            List<Double> buyMs = new ArrayList<>();
            List<Double> scanMs = new ArrayList<>();
            List<Double> rateCalls = new ArrayList<>();
            List<Double> buyCalls = new ArrayList<>();
            List<Double> scanCalls = new ArrayList<>();
            int before = easyPost.purchases();
            for (int i = 0; i < count; i++) {
                String orderId = fx.newUnshippedOrder();
                in.metering.drain();
                long t0 = System.nanoTime();
                APIGatewayV2HTTPResponse quote = rates.handleRequest(seller("POST", orderId, PARCEL), new PrimingContext());
                long t1 = System.nanoTime();
                rateCalls.add((double) in.metering.drain().size());
                require(quote, 201);
                Map<String, Object> q = Json.parseObject(quote.getBody());
                Map<?, ?> rate = (Map<?, ?>) ((List<?>) q.get("rates")).get(0);
                APIGatewayV2HTTPResponse bought = buy.handleRequest(seller("POST", orderId,
                        Map.of("quoteId", q.get("quoteId"), "rateId", rate.get("rateId"))), new PrimingContext());
                long t2 = System.nanoTime();
                buyCalls.add((double) in.metering.drain().size());
                require(bought, 201);
                String code = (String) ((Map<?, ?>) Json.parseObject(bought.getBody()).get("label")).get("trackingNumber");
                byte[] body = Json.write(easyPost.advance(code, "delivered")).getBytes(StandardCharsets.UTF_8);
                long t3 = System.nanoTime();
                APIGatewayV2HTTPResponse scanned = tracking.handleRequest(APIGatewayV2HTTPEvent.builder()
                        .withPathParameters(Map.of("provider", "easypost", "sellerId", Fixture.SELLER))
                        .withHeaders(Map.of("x-hmac-signature", FakeEasyPost.signature(SECRET, body)))
                        .withBody(new String(body, StandardCharsets.UTF_8)).build(), new PrimingContext());
                long t4 = System.nanoTime();
                scanCalls.add((double) in.metering.drain().size());
                require(scanned, 200);
                rateMs.add((t1 - t0) / 1e6);
                buyMs.add((t2 - t1) / 1e6);
                scanMs.add((t4 - t3) / 1e6);
            }
            int charged = easyPost.purchases() - before;
            report.heading("Label purchase round trip (local stack)");
            report.line(count + " orders, one at a time, each priced, bought and delivered by a signed EasyPost"
                    + " scan, in process against " + fx.endpoint + " and the EasyPost fake (its answers are"
                    + " immediate: the carrier's own latency, about 0.5-2 s for a purchase, comes on top on AWS).");
            report.blank();
            report.table(List.of("step", "median ms", "p95 ms", "max ms", "DynamoDB calls (median)"), List.of(
                    row("rates (quote kept)", rateMs, rateCalls),
                    row("buy (label stored, shipment, email, outbox)", buyMs, buyCalls),
                    row("tracking scan (delivered)", scanMs, scanCalls)));
            report.line("Charged: " + charged + " purchases for " + count + " orders"
                    + (charged == count ? " (exactly once each)." : " (NOT once each)."));
            report.raw("labels", Map.of("orders", count, "charged", charged, "ratesMs", rateMs, "buyMs", buyMs,
                    "scanMs", scanMs));
            if (charged != count) {
                throw new IllegalStateException(charged + " purchases for " + count + " orders");
            }
        }
    }

    private static List<String> row(String step, List<Double> ms, List<Double> calls) {
        Stats s = new Stats(ms);
        return List.of(step, Stats.ms(s.median()), Stats.ms(s.percentile(95)), Stats.ms(s.max()),
                String.format("%.0f", new Stats(calls).median()));
    }

    private static Adapters adapters(Fixture fx, InProcess in, SqsClient sqs, S3Client s3, S3Presigner presigner,
                                     String function) {
        return Adapters.of(in.dynamo, sqs, null, Env.of(new HashMap<>(fx.cloud.functionEnvironment(function))),
                Clock.systemUTC()).withS3(s3, presigner);
    }

    private static APIGatewayV2HTTPEvent seller(String method, String orderId, Map<String, Object> body) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("orderId", orderId))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("sellerId", Fixture.SELLER, "keyId", "key_bench")).build()).build())
                .build();
        event.setBody(Json.write(body));
        return event;
    }

    private static void require(APIGatewayV2HTTPResponse r, int status) {
        if (r.getStatusCode() != status) {
            throw new IllegalStateException("answered " + r.getStatusCode() + ": " + r.getBody());
        }
    }
}
