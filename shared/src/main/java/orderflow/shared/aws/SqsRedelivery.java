package orderflow.shared.aws;

import java.time.Duration;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Backoff on a queue: a message its consumer could not finish is hidden for a delay (and reported
 * failed, so it is not deleted), then delivered again; its receive count is the attempt, and after
 * the queue's maxReceiveCount it lands in the DLQ with its body.
 */
public final class SqsRedelivery {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRedelivery(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The delivery attempt, from 1 (ApproximateReceiveCount; 1 when absent or unreadable). */
    public static int attempt(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Hides the message for {@code delay}; the consumer then reports it failed. */
    public void after(SQSEvent.SQSMessage message, Duration delay) {
        sqs.changeMessageVisibility(v -> v.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
                .visibilityTimeout((int) delay.toSeconds()));
    }
}
