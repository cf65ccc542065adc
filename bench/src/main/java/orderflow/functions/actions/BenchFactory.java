package orderflow.functions.actions;

import java.time.Clock;

import orderflow.shared.aws.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the seller action handlers with the bench's metered clients (their package-private constructors). */
public final class BenchFactory {

    private BenchFactory() {
    }

    public static ShipOrderHandler ship(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        return new ShipOrderHandler(dynamo, sqs, env, clock);
    }

    public static CancelOrderHandler cancel(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        return new CancelOrderHandler(dynamo, sqs, env, clock);
    }
}
