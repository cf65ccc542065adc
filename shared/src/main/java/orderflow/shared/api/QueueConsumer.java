package orderflow.shared.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.aws.Adapters;

/**
 * An SQS consumer with partial batch responses: each message is handled on its own and a failed one
 * is reported by id (see {@link SqsBatches}); priming succeeds when no message failed.
 */
public abstract class QueueConsumer extends FunctionHandler<SQSEvent, SQSBatchResponse> {

    protected QueueConsumer(Adapters adapters) {
        super(adapters);
    }

    /** Handles one message and returns what to log about it; throwing leaves it on the queue. */
    protected abstract String handle(SQSEvent.SQSMessage message, Context context);

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.each(event, context, message -> handle(message, context));
    }

    @Override
    public final void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.sqs(in, out, event -> handleRequest(event, context));
    }

    @Override
    protected String failureOf(SQSBatchResponse answer) {
        return answer == null || !answer.getBatchItemFailures().isEmpty() ? "a message failed" : null;
    }
}
