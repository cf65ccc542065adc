package orderflow.shared.aws;

import java.util.function.Supplier;

import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A secret kept as an SSM Parameter Store SecureString (the LWA client secret), read on first use
 * and then kept for the execution environment. Never read while priming: priming never calls the
 * code that asks for it, so the value is not in a SnapStart snapshot. The function's environment
 * holds only the parameter's name.
 */
public final class SsmSecret implements Supplier<String> {

    private final SsmClient ssm;
    private final String parameterName;
    private volatile String value;

    /** parameterName null: not configured, {@link #get()} answers null (the caller says what is missing). */
    public SsmSecret(SsmClient ssm, String parameterName) {
        this.ssm = ssm;
        this.parameterName = parameterName;
    }

    @Override
    public String get() {
        if (parameterName == null) {
            return null;
        }
        String v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = ssm.getParameter(b -> b.name(parameterName).withDecryption(true)).parameter().value();
                }
                v = value;
            }
        }
        return v;
    }

    @Override
    public String toString() {
        return "SsmSecret[" + parameterName + ", value hidden]";
    }
}
