package orderflow.functions.inventory;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds the inventory handlers with the test cloud's clients and the template's environment. */
public final class InventoryHandlersAccess {

    private final TestCloud cloud;

    public InventoryHandlersAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public UpdateStockHandler update() {
        return new UpdateStockHandler(cloud.dynamo, cloud.sqs, cloud.envOf("UpdateStockFunction"), Clock.systemUTC());
    }

    public GetInventoryHandler read() {
        return new GetInventoryHandler(cloud.dynamo, cloud.envOf("GetInventoryFunction"), Clock.systemUTC());
    }
}
