package orderflow.bench;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS call the handlers make through the bench's clients: service, operation, the
 * request and response, the whole SDK time and the time on the wire (waiting on AWS).
 */
final class Metering implements ExecutionInterceptor {

    record Call(String service, String operation, long sdkNanos, long wireNanos, SdkRequest request,
                SdkResponse response) {
    }

    private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("bench.start");
    private static final ExecutionAttribute<Long> WIRE_START = new ExecutionAttribute<>("bench.wireStart");
    private static final ExecutionAttribute<Long> WIRE_END = new ExecutionAttribute<>("bench.wireEnd");

    private final List<Call> calls = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(START, System.nanoTime());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(WIRE_START, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(WIRE_END, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), context.response(), attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(context.request(), null, attributes);
    }

    private synchronized void record(SdkRequest request, SdkResponse response, ExecutionAttributes a) {
        long now = System.nanoTime();
        Long start = a.getAttribute(START);
        Long ws = a.getAttribute(WIRE_START);
        Long we = a.getAttribute(WIRE_END);
        calls.add(new Call(a.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                a.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                start == null ? 0 : now - start, ws == null || we == null ? 0 : we - ws, request, response));
    }

    /** The calls recorded since the last drain. */
    synchronized List<Call> drain() {
        List<Call> out = new ArrayList<>(calls);
        calls.clear();
        return out;
    }
}
