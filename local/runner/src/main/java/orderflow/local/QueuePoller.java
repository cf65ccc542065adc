package orderflow.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event source mapping: receive up to BatchSize messages, invoke with an SQSEvent, then
 * delete what succeeded. With ReportBatchItemFailures only the reported ids stay; a function error
 * leaves the whole batch. What stays reappears after the visibility timeout and moves to the
 * queue's DLQ after maxReceiveCount receives (done by the emulator, as by SQS). Like Lambda's
 * pollers, several batches are in flight at once ({@code concurrency}: the event source's
 * ScalingConfig.MaximumConcurrency, capped by the runner's environments per function), so
 * concurrent deliveries contend locally as they do on AWS.
 */
public final class QueuePoller implements AutoCloseable {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final boolean reportFailures;
    private final FunctionRuntime function;
    private final String region;
    private final PrintStream log;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public QueuePoller(SqsClient sqs, String queueUrl, String queueArn, int batchSize, boolean reportFailures,
                       FunctionRuntime function, String region, int concurrency, PrintStream log) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = Math.max(1, Math.min(10, batchSize));
        this.reportFailures = reportFailures;
        this.function = function;
        this.region = region;
        this.log = log;
        for (int i = 0; i < Math.max(1, concurrency); i++) {
            Thread thread = new Thread(this::loop, "poll-" + function.name() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void loop() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (!messages.isEmpty()) {
                    deliver(messages);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.println("[poller " + function.name() + "] " + e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void deliver(List<Message> messages) {
        Set<String> failed = new HashSet<>();
        try {
            byte[] result = function.invoke(Json.write(event(messages)).getBytes(StandardCharsets.UTF_8));
            if (reportFailures) {
                String text = new String(result, StandardCharsets.UTF_8).strip();
                if (text.startsWith("{")) {
                    for (Object f : Template.list(Json.parseObject(text).get("batchItemFailures"))) {
                        failed.add(String.valueOf(Template.map(f).get("itemIdentifier")));
                    }
                }
            }
        } catch (FunctionRuntime.FunctionError e) {
            log.println("[poller " + function.name() + "] batch of " + messages.size() + " failed: " + e.getMessage());
            return; // nothing deleted: the whole batch is retried
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                        .receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private Map<String, Object> event(List<Message> messages) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Message m : messages) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            Map<String, String> attributes = new LinkedHashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            r.put("attributes", attributes);
            Map<String, Object> messageAttributes = new LinkedHashMap<>();
            m.messageAttributes().forEach((k, v) -> {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("dataType", v.dataType());
                if (v.stringValue() != null) {
                    a.put("stringValue", v.stringValue());
                }
                messageAttributes.put(k, a);
            });
            r.put("messageAttributes", messageAttributes);
            r.put("md5OfBody", m.md5OfBody());
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", queueArn);
            r.put("awsRegion", region);
            records.add(r);
        }
        return Map.of("Records", records);
    }

    private void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
