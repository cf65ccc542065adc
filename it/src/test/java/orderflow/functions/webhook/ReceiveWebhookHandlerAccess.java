package orderflow.functions.webhook;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds the handler as its no-argument constructor does (system clock), with the test cloud's clients. */
public final class ReceiveWebhookHandlerAccess {

    private final TestCloud cloud;

    public ReceiveWebhookHandlerAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public ReceiveWebhookHandler create() {
        return new ReceiveWebhookHandler(cloud.dynamo, cloud.sqs, cloud.envOf("ReceiveWebhookFunction"), clock());
    }

    /** With other clients (e.g. wrapped by a fault injector). */
    public ReceiveWebhookHandler create(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
                                        software.amazon.awssdk.services.sqs.SqsClient sqs) {
        return new ReceiveWebhookHandler(dynamo, sqs, cloud.envOf("ReceiveWebhookFunction"), clock());
    }

    static Clock clock() {
        return Clock.systemUTC();
    }
}
