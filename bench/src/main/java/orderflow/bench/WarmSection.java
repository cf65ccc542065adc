package orderflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Section 5: warm latency per handler over many invocations in one JVM, split into time on the
 * wire (waiting on AWS, here the emulator), time inside the SDK, and our own code.
 */
final class WarmSection {

    record Result(String handler, Stats total, Stats wire, Stats sdk, Stats ours, int awsCalls) {
    }

    private final Fixture fx;
    private final InProcess in;
    private final SqsClient sqs;
    private final int warmup;
    private final int measured;

    WarmSection(Fixture fx, InProcess in, SqsClient sqs, int warmup, int measured) {
        this.fx = fx;
        this.in = in;
        this.sqs = sqs;
        this.warmup = warmup;
        this.measured = measured;
    }

    List<Result> run() {
        int n = warmup + measured;
        List<Result> results = new ArrayList<>();
        // Webhooks create the orders the processor then confirms, whose emails the sender then sends.
        List<String> webhookEvents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            webhookEvents.add(fx.events.webhook(Fixture.STOREFRONT, Fixture.SECRET, "warm-" + UUID.randomUUID()));
        }
        List<String> orderIds = new ArrayList<>();
        results.add(time("ReceiveWebhookHandler", webhookEvents, json -> {
            APIGatewayV2HTTPResponse r = in.webhook.handleRequest(Events.object(json, APIGatewayV2HTTPEvent.class), in.context);
            if (r.getStatusCode() != 202) {
                throw new IllegalStateException(r.getBody());
            }
            orderIds.add((String) Json.parseObject(r.getBody()).get("orderId"));
        }));
        sqs.purgeQueue(b -> b.queueUrl(fx.ref("OrderQueue")));

        List<String> processEvents = orderIds.stream().map(fx.events::processOrder).toList();
        results.add(time("ProcessOrderHandler", processEvents, json -> {
            SQSBatchResponse r = in.process.handleRequest(Events.object(json, SQSEvent.class), in.context);
            if (!r.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("process failed");
            }
        }));

        List<String> emailEvents = new ArrayList<>();
        while (emailEvents.size() < n) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(fx.ref("EmailQueue")).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                throw new IllegalStateException("only " + emailEvents.size() + " confirmation emails were queued");
            }
            for (var m : messages) {
                emailEvents.add(fx.events.sendEmail(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(fx.ref("EmailQueue")).receiptHandle(m.receiptHandle()));
            }
        }
        results.add(time("SendEmailHandler", emailEvents.subList(0, n), json -> {
            SQSBatchResponse r = in.email.handleRequest(Events.object(json, SQSEvent.class), in.context);
            if (!r.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("send failed");
            }
        }));

        String get = fx.events.getOrder(Fixture.SELLER, orderIds.get(0));
        results.add(time("GetOrderHandler", java.util.Collections.nCopies(n, get), json -> {
            if (in.getOrder.handleRequest(Events.object(json, APIGatewayV2HTTPEvent.class), in.context).getStatusCode() != 200) {
                throw new IllegalStateException("get failed");
            }
        }));
        String auth = fx.events.authorizer(fx.apiKey);
        results.add(time("ApiKeyAuthorizerHandler", java.util.Collections.nCopies(n, auth), json -> {
            if (!in.authorizer.handleRequest(Events.object(json, APIGatewayV2CustomAuthorizerEvent.class),
                    in.context).getIsAuthorized()) {
                throw new IllegalStateException("not authorized");
            }
        }));
        return results;
    }

    /** Times each invocation, event deserialisation included (Lambda does it per invocation too). */
    private Result time(String name, List<String> events, Consumer<String> invoke) {
        List<Double> total = new ArrayList<>();
        List<Double> wire = new ArrayList<>();
        List<Double> sdk = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        int calls = 0;
        for (int i = 0; i < events.size(); i++) {
            in.metering.drain();
            long t0 = System.nanoTime();
            invoke.accept(events.get(i));
            long t = System.nanoTime() - t0;
            List<Metering.Call> made = in.metering.drain();
            if (i < warmup) {
                continue;
            }
            long w = made.stream().mapToLong(Metering.Call::wireNanos).sum();
            long s = made.stream().mapToLong(Metering.Call::sdkNanos).sum();
            calls = made.size();
            total.add(t / 1e6);
            wire.add(w / 1e6);
            sdk.add((s - w) / 1e6);
            ours.add((t - s) / 1e6);
        }
        return new Result(name, new Stats(total), new Stats(wire), new Stats(sdk), new Stats(ours), calls);
    }

    static Map<String, Object> toRaw(List<Result> results) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Result r : results) {
            raw.put(r.handler(), Map.of("n", r.total().n(), "p50", r.total().median(), "p99", r.total().percentile(99),
                    "wireP50", r.wire().median(), "sdkP50", r.sdk().median(), "oursP50", r.ours().median(),
                    "awsCalls", r.awsCalls()));
        }
        return raw;
    }
}
