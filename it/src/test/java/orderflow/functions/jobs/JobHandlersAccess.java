package orderflow.functions.jobs;

import java.time.Clock;
import java.util.List;

import orderflow.it.TestCloud;

/** Builds the scheduled-job handlers wired to the test cloud, for tests outside this package. */
public final class JobHandlersAccess {

    private final TestCloud cloud;

    public JobHandlersAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public List<Object> all() {
        Clock clock = Clock.systemUTC();
        return List.of(new FlagOverdueHandler(cloud.dynamo, cloud.sqs, cloud.envOf("FlagOverdueFunction"), clock),
                new CancelUnpaidHandler(cloud.dynamo, cloud.sqs, cloud.envOf("CancelUnpaidFunction"), clock),
                new orderflow.functions.metrics.MetricsHandlersAccess(cloud).get());
    }
}
