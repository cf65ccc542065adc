package orderflow.shared.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import orderflow.shared.aws.Adapters;

/** A job EventBridge Scheduler runs: the event as a map in ({@code id}, {@code time}), its report out. */
public abstract class ScheduledJob extends FunctionHandler<Map<String, Object>, Map<String, Object>> {

    protected ScheduledJob(Adapters adapters) {
        super(adapters);
    }

    @Override
    public final void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.scheduled(in, out, event -> handleRequest(event, context));
    }

    /** A run that stopped early (its deadline) is not a failure: the next run goes on. */
    @Override
    protected String failureOf(Map<String, Object> report) {
        return report == null ? "no report" : null;
    }
}
