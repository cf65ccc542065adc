package orderflow.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.functions.channels.SyncChannelHandler;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * SyncQueue's event source in this JVM, as the local runner's QueuePoller runs it: each of
 * {@code environments} threads is one execution environment with its own SyncChannelHandler (built
 * in that thread, as Lambda builds one per environment) and receives up to the template's BatchSize
 * with a 1 s long poll, invokes, then deletes what was not reported failed. Records every invocation.
 */
final class SyncPoller implements AutoCloseable {

    /** One invocation: the message's sync, when it ran (wall clock), whether the handler reported it failed. */
    record Invocation(String orderId, String syncId, Instant start, Instant end, long nanos, boolean failed) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final int batchSize;
    private final Context context;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Invocation> invocations = new ArrayList<>();
    private volatile boolean running = true;

    SyncPoller(SqsClient sqs, String queueUrl, int batchSize, int environments, Supplier<SyncChannelHandler> environment,
               Context context) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.batchSize = batchSize;
        this.context = context;
        for (int i = 0; i < environments; i++) {
            Thread t = new Thread(() -> loop(environment.get()), "bench-sync-env-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop(SyncChannelHandler handler) {
        while (running) {
            try {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (!batch.isEmpty()) {
                    deliver(handler, batch);
                }
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("[bench sync poller] " + e);
                }
            }
        }
    }

    private void deliver(SyncChannelHandler handler, List<Message> batch) {
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
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        SQSBatchResponse answer = handler.handleRequest(event, context);
        long nanos = System.nanoTime() - t0;
        Instant end = Instant.now();
        List<String> failed = answer.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        synchronized (invocations) {
            for (Message m : batch) {
                Map<String, Object> body = Json.parseObject(m.body());
                invocations.add(new Invocation(String.valueOf(body.get("orderId")), String.valueOf(body.get("syncId")),
                        start, end, nanos / batch.size(), failed.contains(m.messageId())));
            }
        }
        for (Message m : batch) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    /** The invocations so far, in the order they ended. */
    List<Invocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
