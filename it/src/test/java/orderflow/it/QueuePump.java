package orderflow.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source does, in a test's own pace: receive a batch, invoke, delete what
 * succeeded, and make what failed visible again at once (as if its visibility timeout passed), until
 * the queue stays empty. Returns how often each message body was received.
 */
public final class QueuePump {

    private QueuePump() {
    }

    public static Map<String, Integer> drive(SqsClient sqs, String queueUrl,
                                             Function<SQSEvent, SQSBatchResponse> handler) {
        Map<String, Integer> receives = new HashMap<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                empty++;
                continue;
            }
            empty = 0;
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (Message m : batch) {
                SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
                r.setMessageId(m.messageId());
                r.setReceiptHandle(m.receiptHandle());
                r.setBody(m.body());
                r.setEventSource("aws:sqs");
                Map<String, String> attributes = new HashMap<>();
                m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
                r.setAttributes(attributes);
                records.add(r);
                receives.merge(m.body(), 1, Integer::sum);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(records);
            List<String> failed = handler.apply(event).getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
            for (Message m : batch) {
                if (failed.contains(m.messageId())) {
                    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                } else {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return receives;
    }

    /**
     * Pumps the queue through the handler until {@code done} holds, waiting out messages the producer
     * delayed (an order that lost every race comes back after a few seconds); fails after
     * {@link Overlap#WAIT}.
     */
    public static void until(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> handler,
                             java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + Overlap.WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not done after " + Overlap.WAIT.toSeconds() + " s of pumping "
                        + queueUrl);
            }
            drive(sqs, queueUrl, handler);
        }
    }
}
