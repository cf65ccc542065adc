package orderflow.shared.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/** The Lambda Context handed to a handler while it primes itself before a snapshot. */
public final class PrimingContext implements Context {

    @Override public String getAwsRequestId() { return "priming"; }
    @Override public String getLogGroupName() { return "priming"; }
    @Override public String getLogStreamName() { return "priming"; }
    @Override public String getFunctionName() { return "priming"; }
    @Override public String getFunctionVersion() { return "priming"; }
    @Override public String getInvokedFunctionArn() { return "priming"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 10_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }

    private final List<String> logged = new ArrayList<>();

    /** Priming's logs are kept, not printed: they are shown only when priming fails. */
    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { logged.add(message); }
            @Override public void log(byte[] message) { logged.add(new String(message, StandardCharsets.UTF_8)); }
            @Override public void log(String message, LogLevel level) { logged.add(level + " " + message); }
        };
    }

    /** What the primed handler logged. */
    public List<String> logged() {
        return List.copyOf(logged);
    }
}
