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

    static Clock clock() {
        return Clock.systemUTC();
    }
}
