package orderflow.shared.api;

import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/**
 * Partial batch responses (ReportBatchItemFailures) for every queue consumer: each message is
 * handled on its own; a failed one is reported by id and stays on the queue (retried, then
 * dead-lettered with its body after maxReceiveCount) while the rest of the batch completes.
 */
public final class SqsBatches {

    @FunctionalInterface
    public interface MessageHandler {
        /** Handles one message and returns what to log about it. */
        String handle(SQSEvent.SQSMessage message);
    }

    private SqsBatches() {
    }

    public static SQSBatchResponse each(SQSEvent event, Context context, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                Log.info(context, "message.handled", "messageId", message.getMessageId(),
                        "outcome", handler.handle(message));
            } catch (RuntimeException e) {
                Log.error(context, "message.failed", "messageId", message.getMessageId(), "error", e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
