package orderflow.functions.orders;

import java.time.Clock;

import orderflow.shared.aws.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the handler with the bench's metered clients (its package-private constructor). */
public final class BenchFactory {

    private BenchFactory() {
    }

    @SuppressWarnings("unused")
    public static GetOrderHandler create(DynamoDbClient dynamo, SqsClient sqs, SesV2Client ses, Env env, Clock clock) {
        return new GetOrderHandler(dynamo, env, clock);
    }

    public static ExportOrdersHandler export(DynamoDbClient dynamo, Env env, Clock clock) {
        return new ExportOrdersHandler(dynamo, env, clock);
    }
}
