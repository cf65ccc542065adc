package orderflow.functions.returns;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import orderflow.it.TestCloud;
import orderflow.shared.outbound.HttpRefundWebhook;

/** Builds the returns and refunds handlers wired to the test cloud, for tests outside this package. */
public final class ReturnHandlersAccess {

    private final TestCloud cloud;

    public ReturnHandlersAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public CreateRefundHandler refund() {
        return new CreateRefundHandler(cloud.dynamo, cloud.sqs, cloud.envOf("CreateRefundFunction"), Clock.systemUTC());
    }

    public CreateReturnHandler createReturn() {
        return new CreateReturnHandler(cloud.dynamo, cloud.sqs, cloud.envOf("CreateReturnFunction"), Clock.systemUTC());
    }

    public List<Object> all() {
        Clock clock = Clock.systemUTC();
        return List.of(
                new ReturnPolicyHandler(cloud.dynamo, cloud.envOf("ReturnPolicyFunction"), clock),
                new CreateReturnHandler(cloud.dynamo, cloud.sqs, cloud.envOf("CreateReturnFunction"), clock),
                new ReceiveReturnHandler(cloud.dynamo, cloud.sqs, cloud.envOf("ReceiveReturnFunction"), clock),
                new CreateRefundHandler(cloud.dynamo, cloud.sqs, cloud.envOf("CreateRefundFunction"), clock),
                new DeliverRefundHandler(cloud.dynamo, cloud.sqs, new HttpRefundWebhook(),
                        cloud.envOf("DeliverRefundFunction", Map.of()), clock),
                new ListReturnsHandler(cloud.dynamo, cloud.envOf("ListReturnsFunction"), clock));
    }
}
