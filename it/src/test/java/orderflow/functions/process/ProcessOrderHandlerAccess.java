package orderflow.functions.process;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds the handler as its no-argument constructor does (system clock), with the test cloud's clients. */
public final class ProcessOrderHandlerAccess {

    private final TestCloud cloud;

    public ProcessOrderHandlerAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public ProcessOrderHandler create() {
        return new ProcessOrderHandler(cloud.dynamo, cloud.sqs, cloud.envOf("ProcessOrderFunction"), clock());
    }

    /** With other clients (e.g. wrapped by a fault injector). */
    public ProcessOrderHandler create(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
                                      software.amazon.awssdk.services.sqs.SqsClient sqs) {
        return new ProcessOrderHandler(dynamo, sqs, cloud.envOf("ProcessOrderFunction"), clock());
    }

    static Clock clock() {
        return Clock.systemUTC();
    }
}
