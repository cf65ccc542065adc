package orderflow.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import orderflow.shared.json.Json;

/**
 * Schedule and ScheduleV2 events: rate(...) expressions fire at their rate. cron(...) cannot be
 * honoured faithfully here and is only fired on demand (POST /_local/schedules/{function}/{event}).
 */
public final class Scheduler implements AutoCloseable {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");

    public record Schedule(String functionId, String eventName, String expression, Object input) {
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scheduler");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, FunctionRuntime> runtimes;
    private final String region;
    private final PrintStream log;

    public Scheduler(List<Schedule> schedules, Map<String, FunctionRuntime> runtimes, String region, PrintStream log) {
        this.runtimes = runtimes;
        this.region = region;
        this.log = log;
        for (Schedule s : schedules) {
            Duration every = rate(s.expression());
            if (every == null) {
                log.println("[scheduler] " + s.functionId() + "." + s.eventName() + " " + s.expression()
                        + ": cron is fired on demand only locally");
                continue;
            }
            executor.scheduleAtFixedRate(() -> fire(s), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    static Duration rate(String expression) {
        Matcher m = RATE.matcher(expression.strip());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Invokes the scheduled function now with the EventBridge event (or the configured Input). */
    public String fire(Schedule s) {
        try {
            Object payload = s.input() != null ? s.input() : event(s);
            byte[] body = (payload instanceof String text ? text : Json.write(payload)).getBytes(StandardCharsets.UTF_8);
            String result = new String(runtimes.get(s.functionId()).invoke(body), StandardCharsets.UTF_8);
            log.println("[scheduler] " + s.functionId() + "." + s.eventName() + " -> " + result);
            return result;
        } catch (FunctionRuntime.FunctionError e) {
            log.println("[scheduler] " + s.functionId() + "." + s.eventName() + " failed: " + e.getMessage());
            return Json.write(Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private Map<String, Object> event(Schedule s) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalCloud.ACCOUNT);
        event.put("time", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
        event.put("region", region);
        event.put("resources", List.of("arn:aws:events:" + region + ":" + LocalCloud.ACCOUNT + ":rule/"
                + s.functionId() + s.eventName()));
        event.put("detail", Map.of());
        return event;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
