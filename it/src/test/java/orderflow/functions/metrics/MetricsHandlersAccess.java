package orderflow.functions.metrics;

import java.time.Clock;

import orderflow.it.TestCloud;

/** Builds GetMetricsHandler wired to the test cloud, for tests outside this package. */
public final class MetricsHandlersAccess {

    private final TestCloud cloud;

    public MetricsHandlersAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public GetMetricsHandler get() {
        return new GetMetricsHandler(cloud.dynamo, cloud.envOf("GetMetricsFunction"), Clock.systemUTC());
    }
}
