package orderflow.functions.email;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds the handler as its no-argument constructor does (system clock), with the test cloud's clients. */
public final class SendEmailHandlerAccess {

    private final TestCloud cloud;

    public SendEmailHandlerAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public SendEmailHandler create() {
        return new SendEmailHandler(cloud.dynamo, cloud.ses, cloud.envOf("SendEmailFunction"), clock());
    }

    static Clock clock() {
        return Clock.systemUTC();
    }
}
