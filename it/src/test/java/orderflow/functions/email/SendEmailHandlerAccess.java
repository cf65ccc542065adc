package orderflow.functions.email;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds the handler as its no-argument constructor does (system clock), with the test cloud's clients. */
public final class SendEmailHandlerAccess {

    private final TestCloud cloud;

    public SendEmailHandlerAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    /** With other clients (e.g. wrapped by a fault injector). */
    public SendEmailHandler create(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
                                   software.amazon.awssdk.services.sesv2.SesV2Client ses) {
        return new SendEmailHandler(dynamo, ses, cloud.envOf("SendEmailFunction"), clock());
    }

    public SendEmailHandler create() {
        return new SendEmailHandler(cloud.dynamo, cloud.ses, cloud.envOf("SendEmailFunction"), clock());
    }

    static Clock clock() {
        return Clock.systemUTC();
    }
}
