package orderflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Section 3: every AWS request and capacity unit of one order's life, beside the minimum. */
final class WorkPerOrderSection {

    /** Per step: requests, read units, write units, SQS and SES calls. */
    record Step(String name, List<String> requests, double rcu, double wcu, int sqs, int ses) {
    }

    private final Fixture fx;
    private final InProcess in;
    private final SqsClient sqs;

    WorkPerOrderSection(Fixture fx, InProcess in, SqsClient sqs) {
        this.fx = fx;
        this.in = in;
        this.sqs = sqs;
    }

    List<Step> measure() {
        in.metering.drain();
        List<Step> steps = new ArrayList<>();
        String body = fx.events.webhook(Fixture.STOREFRONT, Fixture.SECRET, "work-" + UUID.randomUUID());
        var accepted = in.webhook.handleRequest(Events.object(body, APIGatewayV2HTTPEvent.class), in.context);
        if (accepted.getStatusCode() != 202) {
            throw new IllegalStateException("webhook: " + accepted.getBody());
        }
        steps.add(step("1. receive webhook", in.metering.drain()));
        String orderId = (String) Json.parseObject(accepted.getBody()).get("orderId");

        String orderMessage = take(fx.ref("OrderQueue"));
        in.process.handleRequest(Events.object(fx.events.processOrder(
                (String) Json.parseObject(orderMessage).get("orderId")), SQSEvent.class), in.context);
        steps.add(step("2. process order (2 SKUs)", in.metering.drain()));

        String emailMessage = take(fx.ref("EmailQueue"));
        in.email.handleRequest(Events.object(fx.events.sendEmail(emailMessage), SQSEvent.class), in.context);
        steps.add(step("3. send confirmation email", in.metering.drain()));

        in.authorizer.handleRequest(Events.object(fx.events.authorizer(fx.apiKey),
                APIGatewayV2CustomAuthorizerEvent.class), in.context);
        in.getOrder.handleRequest(Events.object(fx.events.getOrder(Fixture.SELLER, orderId),
                APIGatewayV2HTTPEvent.class), in.context);
        steps.add(step("(seller reads the order: authorizer + GET)", in.metering.drain()));
        return steps;
    }

    private String take(String queueUrl) {
        for (int i = 0; i < 50; i++) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
                return messages.get(0).body();
            }
        }
        throw new IllegalStateException("nothing on " + queueUrl);
    }

    private Step step(String name, List<Metering.Call> calls) {
        List<String> requests = new ArrayList<>();
        double rcu = 0;
        double wcu = 0;
        int sqsCalls = 0;
        int sesCalls = 0;
        for (Metering.Call c : calls) {
            String units = "";
            String service = c.service().toLowerCase(java.util.Locale.ROOT);
            switch (service.startsWith("dynamodb") ? "dynamodb" : service.startsWith("ses") ? "ses" : service) {
                case "dynamodb" -> {
                    double[] u = Capacity.units(fx.dynamo, c);
                    rcu += u[0];
                    wcu += u[1];
                    units = u[0] > 0 ? " (" + fmt(u[0]) + " RCU)" : u[1] > 0 ? " (" + fmt(u[1]) + " WCU)" : "";
                }
                case "sqs" -> sqsCalls++;
                case "ses" -> sesCalls++;
                default -> { }
            }
            requests.add(c.service() + " " + c.operation() + units);
        }
        return new Step(name, requests, rcu, wcu, sqsCalls, sesCalls);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.valueOf(v);
    }

    static Map<String, Object> toRaw(List<Step> steps) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Step s : steps) {
            raw.put(s.name(), Map.of("requests", s.requests(), "rcu", s.rcu(), "wcu", s.wcu(), "sqs", s.sqs(), "ses", s.ses()));
        }
        return raw;
    }
}
