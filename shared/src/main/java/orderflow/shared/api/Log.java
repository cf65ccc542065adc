package orderflow.shared.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import orderflow.shared.json.Json;

/**
 * Structured log lines: each message is one JSON object ({@code event} first, then fields such as
 * orderId, sellerId, storefrontId, outcome), so Lambda's JSON logs can be filtered by field in
 * CloudWatch Logs Insights (docs/operations.md has sample queries). Never pass a secret or a body.
 */
public final class Log {

    private Log() {
    }

    /** {@code fields} are name, value pairs; null values are left out. */
    public static void info(Context context, String event, Object... fields) {
        context.getLogger().log(line(event, fields), LogLevel.INFO);
    }

    public static void warn(Context context, String event, Object... fields) {
        context.getLogger().log(line(event, fields), LogLevel.WARN);
    }

    public static void error(Context context, String event, Object... fields) {
        context.getLogger().log(line(event, fields), LogLevel.ERROR);
    }

    static String line(String event, Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("log fields come in name, value pairs");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", event);
        for (int i = 0; i < fields.length; i += 2) {
            Object value = fields[i + 1];
            if (value != null) {
                json.put(String.valueOf(fields[i]), value instanceof Number || value instanceof Boolean
                        ? value : String.valueOf(value));
            }
        }
        return Json.write(json);
    }
}
