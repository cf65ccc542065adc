package orderflow.functions.orders;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds the history and export handlers with the test cloud's clients. */
public final class OrderReadHandlersAccess {

    private final TestCloud cloud;

    public OrderReadHandlersAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public GetOrderHistoryHandler history() {
        return new GetOrderHistoryHandler(cloud.dynamo, cloud.envOf("GetOrderHistoryFunction"));
    }

    public ExportOrdersHandler export() {
        return new ExportOrdersHandler(cloud.dynamo, cloud.envOf("ExportOrdersFunction"), Clock.systemUTC());
    }
}
