package orderflow.functions.jobs;

import java.time.Clock;

import orderflow.shared.aws.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the job handlers with the bench's clients (their package-private constructors). */
public final class BenchFactory {

    private BenchFactory() {
    }

    public static FlagOverdueHandler flagOverdue(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        return new FlagOverdueHandler(dynamo, sqs, env, clock);
    }
}
