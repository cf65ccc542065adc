package orderflow.functions.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.local.Template;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A poison message among good ones, through ProcessOrderHandler and a queue with the template's
 * redrive policy: the good ones complete (partial batch response), the poison one is received
 * maxReceiveCount times and then sits in the DLQ with its body; once its cause is fixed, the
 * documented redrive command (scripts/admin redrive) brings it back and it completes, once.
 */
class PoisonMessageIT {

    private final TestCloud cloud = TestCloud.get();

    private Order ready(String seller) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "POISON-" + System.nanoTime());
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, Instant.now());
        cloud.orders().createIfAbsent(order);
        return order;
    }

    /** Receives, invokes, deletes what succeeded and makes what failed visible again at once (its timeout "passed"). */
    private Map<String, Integer> drive(String queue, SQSEvent fixture, ProcessOrderHandler handler) {
        Map<String, Integer> receives = new HashMap<>();
        for (int empty = 0; empty < 3; ) {
            List<Message> batch = cloud.sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                empty++;
                continue;
            }
            empty = 0;
            SQSEvent event = new SQSEvent();
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (Message m : batch) {
                SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
                SQSEvent.SQSMessage shape = fixture.getRecords().get(0);
                r.setEventSource(shape.getEventSource());
                r.setAwsRegion(shape.getAwsRegion());
                r.setMessageId(m.messageId());
                r.setReceiptHandle(m.receiptHandle());
                r.setBody(m.body());
                records.add(r);
                receives.merge(Json.parseObject(m.body()).get("orderId").toString(), 1, Integer::sum);
            }
            event.setRecords(records);
            SQSBatchResponse response = handler.handleRequest(event, new TestContext());
            List<String> failed = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
            for (Message m : batch) {
                if (failed.contains(m.messageId())) {
                    cloud.sqs.changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                } else {
                    cloud.sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return receives;
    }

    @ParameterizedTest
    @Event(value = "events/process-order.json", type = SQSEvent.class)
    void a_poison_message_goes_to_the_dlq_after_max_receives_while_its_batch_succeeds_and_redrive_brings_it_back(
            SQSEvent fixture) throws Exception {
        // The template's redrive policy for OrderQueue, on a queue pair of this test's own.
        Map<String, Object> policy = Template.map(cloud.cloud.template().properties("OrderQueue").get("RedrivePolicy"));
        int maxReceives = ((Number) policy.get("maxReceiveCount")).intValue();
        String suffix = Long.toString(System.nanoTime(), 36);
        String dlq = cloud.sqs.createQueue(b -> b.queueName("poison-dlq-" + suffix)).queueUrl();
        String dlqArn = cloud.sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queue = cloud.sqs.createQueue(b -> b.queueName("poison-" + suffix).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, Json.write(Map.of("deadLetterTargetArn", dlqArn,
                        "maxReceiveCount", maxReceives))))).queueUrl();

        String seller = cloud.newSeller("poison");
        cloud.admin().putStock(seller, "MUG-BLUE", 100, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 100, Instant.now());
        List<Order> good = List.of(ready(seller), ready(seller), ready(seller), ready(seller));
        // Poison: an order whose seller account is missing (its confirmation cannot be addressed).
        String ghost = "poison-ghost-" + suffix;
        cloud.admin().putStock(ghost, "MUG-BLUE", 100, Instant.now());
        cloud.admin().putStock(ghost, "TEE-BLACK-L", 100, Instant.now());
        Order poison = ready(ghost);
        for (Order o : List.of(good.get(0), good.get(1), poison, good.get(2), good.get(3))) {
            cloud.sqs.sendMessage(b -> b.queueUrl(queue).messageBody(Json.write(Map.of("orderId", o.orderId()))));
        }
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        ProcessOrderHandler handler = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"));

        Map<String, Integer> receives = drive(queue, fixture, handler);
        for (Order o : good) {
            assertEquals(1, receives.get(o.orderId()), "a good message is handled once: " + receives);
            assertEquals(OrderStatus.UNSHIPPED, cloud.orders().get(o.orderId()).orElseThrow().status());
        }
        assertEquals(maxReceives, receives.get(poison.orderId()), "received maxReceiveCount times: " + receives);
        List<Message> dead = cloud.sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertEquals(1, dead.size());
        assertEquals(poison.orderId(), Json.parseObject(dead.get(0).body()).get("orderId"));
        cloud.sqs.changeMessageVisibility(b -> b.queueUrl(dlq).receiptHandle(dead.get(0).receiptHandle())
                .visibilityTimeout(0));

        // Fixed: the seller exists now. The documented redrive command moves it back; it completes once.
        cloud.admin().putSeller(new Seller(ghost, "Ghost shop", "owner@ghost.example", "help@ghost.example",
                "help@ghost.example", 2, java.time.ZoneOffset.UTC));
        ProcessBuilder again = new ProcessBuilder("java", "-jar",
                cloud.root.resolve("tools/admin/target/admin.jar").toString(), "redrive", "--from", dlq, "--to", queue)
                .redirectErrorStream(true);
        again.environment().putAll(redriveEnv());
        Process p = again.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        assertTrue(out.contains("moved 1 messages"), out);
        Map<String, Integer> second = drive(queue, fixture, handler);
        assertEquals(Map.of(poison.orderId(), 1), second);
        assertEquals(OrderStatus.UNSHIPPED, cloud.orders().get(poison.orderId()).orElseThrow().status());
        long confirmations = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).stream()
                .filter(e -> ("order-confirmed:" + poison.orderId()).equals(e.get("eventId"))).count();
        assertEquals(1, confirmations, "one confirmation queued for the redriven order");
        System.out.println("[poison] 5 messages in one queue: 4 handled once, the poison one received " + maxReceives
                + " times then dead-lettered; redriven after the fix and handled once");
    }

    private Map<String, String> redriveEnv() {
        return Map.of("AWS_ENDPOINT_URL", cloud.endpoint, "AWS_REGION", TestCloud.REGION,
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
    }
}
