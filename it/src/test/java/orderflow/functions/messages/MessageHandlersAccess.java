package orderflow.functions.messages;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds the message handlers with the test cloud's clients and the template's environment. */
public final class MessageHandlersAccess {

    private final TestCloud cloud;

    public MessageHandlersAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public ReceiveBuyerMessageHandler receive(Clock clock) {
        return new ReceiveBuyerMessageHandler(cloud.dynamo, cloud.envOf("ReceiveBuyerMessageFunction"), clock);
    }

    public ReplyToBuyerHandler reply(Clock clock) {
        return new ReplyToBuyerHandler(cloud.dynamo, cloud.sqs, cloud.envOf("ReplyToBuyerFunction"), clock);
    }

    public ListMessagesHandler list(Clock clock) {
        return new ListMessagesHandler(cloud.dynamo, cloud.envOf("ListMessagesFunction"), clock);
    }
}
