package orderflow.functions.actions;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds the seller action handlers with the test cloud's clients and the template's environment. */
public final class ActionHandlersAccess {

    private final TestCloud cloud;

    public ActionHandlersAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public AcknowledgeOrderHandler acknowledge() {
        return new AcknowledgeOrderHandler(cloud.dynamo, cloud.envOf("AcknowledgeOrderFunction"), Clock.systemUTC());
    }

    public CancelOrderHandler cancel() {
        return new CancelOrderHandler(cloud.dynamo, cloud.sqs, cloud.envOf("CancelOrderFunction"), Clock.systemUTC());
    }

    public ShipOrderHandler ship() {
        return new ShipOrderHandler(cloud.dynamo, cloud.sqs, cloud.envOf("ShipOrderFunction"), Clock.systemUTC());
    }

    public ConfirmDeliveryHandler delivery() {
        return new ConfirmDeliveryHandler(cloud.dynamo, cloud.sqs, cloud.envOf("ConfirmDeliveryFunction"),
                Clock.systemUTC());
    }
}
