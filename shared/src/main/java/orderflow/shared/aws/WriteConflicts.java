package orderflow.shared.aws;

import java.util.function.Supplier;

import orderflow.shared.domain.Races;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Single writes (PutItem, UpdateItem, DeleteItem) to items that transactions also write. While a
 * transaction on the item is in flight DynamoDB refuses such a write with TransactionConflictException,
 * which the SDK does not retry: it is a race, retried here after a jittered pause. Still refused after
 * {@link #ATTEMPTS}, the exception goes to the caller (SQS redelivers; an API answers 500 and the
 * client retries).
 */
final class WriteConflicts {

    static final int ATTEMPTS = 5;

    private WriteConflicts() {
    }

    static <T> T retry(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (TransactionConflictException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                Races.pause(attempt);
            }
        }
    }

    static void run(Runnable write) {
        retry(() -> {
            write.run();
            return null;
        });
    }
}
