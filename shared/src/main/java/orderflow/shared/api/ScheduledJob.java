package orderflow.shared.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
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

    /**
     * The run's report ({@code fields} as name, value pairs, then complete), logged as one structured
     * line: info when complete, warn when it stopped at its deadline (the next run goes on).
     */
    protected static Map<String, Object> report(Context context, String event, boolean complete, Object... fields) {
        Map<String, Object> report = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            report.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        report.put("complete", complete);
        Object[] logged = new Object[fields.length + 2];
        logged[0] = "outcome";
        logged[1] = complete ? "complete" : "stopped at deadline";
        System.arraycopy(fields, 0, logged, 2, fields.length);
        if (complete) {
            Log.info(context, event, logged);
        } else {
            Log.warn(context, event, logged);
        }
        return report;
    }

    /** A run that stopped early (its deadline) is not a failure: the next run goes on. */
    @Override
    protected String failureOf(Map<String, Object> report) {
        return report == null ? "no report" : null;
    }
}
