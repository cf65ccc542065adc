package orderflow.bench;

import com.amazonaws.services.lambda.runtime.Context;
import orderflow.shared.api.PrimingContext;

/** A Lambda context whose remaining time runs down from the template's 15 s timeout, as Lambda's does. */
final class InvocationBudget {

    static final int TIMEOUT_MS = 15_000;

    private InvocationBudget() {
    }

    static Context startingNow(String functionName) {
        long startNanos = System.nanoTime();
        Context quiet = new PrimingContext();
        return new Context() {
            @Override public int getRemainingTimeInMillis() {
                return (int) (TIMEOUT_MS - (System.nanoTime() - startNanos) / 1_000_000);
            }
            @Override public String getAwsRequestId() { return "bench-" + functionName; }
            @Override public String getLogGroupName() { return quiet.getLogGroupName(); }
            @Override public String getLogStreamName() { return quiet.getLogStreamName(); }
            @Override public String getFunctionName() { return functionName; }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() { return quiet.getInvokedFunctionArn(); }
            @Override public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() { return null; }
            @Override public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() { return null; }
            @Override public int getMemoryLimitInMB() { return 1024; }
            @Override public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() { return quiet.getLogger(); }
        };
    }
}
