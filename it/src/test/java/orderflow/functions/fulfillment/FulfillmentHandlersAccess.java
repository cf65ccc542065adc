package orderflow.functions.fulfillment;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds the pick list, packing slip and pack check handlers with the test cloud's clients. */
public final class FulfillmentHandlersAccess {

    private final TestCloud cloud;

    public FulfillmentHandlersAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public GetPickListHandler pickList() {
        return new GetPickListHandler(cloud.dynamo, cloud.envOf("GetPickListFunction"), Clock.systemUTC());
    }

    public GetPackingSlipHandler packingSlip() {
        return new GetPackingSlipHandler(cloud.dynamo, cloud.envOf("GetPackingSlipFunction"), Clock.systemUTC());
    }

    public PackCheckHandler packCheck() {
        return new PackCheckHandler(cloud.dynamo, cloud.envOf("PackCheckFunction"), Clock.systemUTC());
    }
}
