package orderflow.local.bootstrap;

import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/** The Lambda Context for one invocation; logs go to stdout, which the runner prefixes per function. */
final class LocalContext implements Context {

    private static final String FUNCTION = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    private final String requestId;
    private final long deadlineMs;

    LocalContext(String requestId, long deadlineMs) {
        this.requestId = requestId;
        this.deadlineMs = deadlineMs;
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + FUNCTION; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return FUNCTION; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + System.getenv("AWS_REGION") + ":000000000000:function:" + FUNCTION;
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadlineMs - System.currentTimeMillis()); }
    @Override public int getMemoryLimitInMB() {
        String mb = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        return mb == null ? 1024 : Integer.parseInt(mb);
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { log(message, LogLevel.INFO); }
            @Override public void log(byte[] message) { log(new String(message, StandardCharsets.UTF_8)); }
            @Override public void log(String message, LogLevel level) {
                System.out.println(level + " " + requestId + " " + message);
            }
        };
    }
}
