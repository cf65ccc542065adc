package orderflow.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Shared test helpers: the sample order, signing, queue draining, the emulator's sent mail. */
public final class Fixtures {

    public static final String SECRET = "whsec_test_secret_for_it_only";

    private Fixtures() {
    }

    /** events/webhook-order-paid.json, as a mutable map. */
    public static Map<String, Object> sampleOrder() {
        try {
            return new java.util.LinkedHashMap<>(Json.parseObject(Files.readString(
                    TestCloud.get().root.resolve("events/webhook-order-paid.json"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sampleOrderJson(String externalOrderId) {
        Map<String, Object> order = sampleOrder();
        order.put("externalOrderId", externalOrderId);
        return Json.write(order);
    }

    public static String sign(String body, Instant at) {
        return WebhookSignature.sign(SECRET, at.getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Receives and deletes everything on the queue right now. */
    public static List<Map<String, Object>> drain(SqsClient sqs, String queueUrl) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message m : messages) {
                bodies.add(Json.parseObject(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** Emails the emulator accepted, normalised: subject, source, to, html, text. */
    public static List<Map<String, Object>> sentEmails(String endpoint) {
        try {
            return orderflow.local.Emulator.sentEmails(System.getProperty("cloud", "moto"), endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
