package orderflow.functions.orders;

import orderflow.it.TestCloud;

/** Builds the handler with the test cloud's clients. */
public final class GetOrderHandlerAccess {

    private final TestCloud cloud;

    public GetOrderHandlerAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public GetOrderHandler create() {
        return new GetOrderHandler(cloud.dynamo, cloud.envOf("GetOrderFunction"), java.time.Clock.systemUTC());
    }
}
