package orderflow.shared.api;

import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/**
 * Partial batch responses (ReportBatchItemFailures) for every queue consumer: each message is
 * handled on its own; a failed one is reported by id and stays on the queue (retried, then
 * dead-lettered with its body after maxReceiveCount) while the rest of the batch completes.
 */
public final class SqsBatches {

    @FunctionalInterface
    public interface MessageHandler {
        /** Handles one message body and returns what to log about it. */
        String handle(String body);
    }

    private SqsBatches() {
    }

    public static SQSBatchResponse each(SQSEvent event, Context context, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                context.getLogger().log(handler.handle(message.getBody()), LogLevel.INFO);
            } catch (RuntimeException e) {
                context.getLogger().log("message " + message.getMessageId() + " failed: " + e, LogLevel.ERROR);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
