package orderflow.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Calls that really run at the same time, the way Lambda runs concurrent deliveries: each
 * simulated execution environment gets a handler instance of its own (Lambda never runs two
 * invocations in one instance), built before a start gate, and all of them call at once when the
 * gate opens. Each call's window (System.nanoTime before and after) is recorded, so a test can
 * assert that the windows did overlap: calls made one after another fail {@link #assertOverlapped}.
 * Every wait is bounded ({@link #WAIT}); a stuck call fails the test instead of hanging the build.
 *
 * <p>{@code -Doverlap.sequential=true} runs the calls one after another instead (same handlers,
 * no gate): every test that uses this class must then fail its overlap assertion. It is a check of
 * the tests, never a setting for CI.
 */
public final class Overlap {

    /** The longest any gate, call or batch of calls may take before the test fails. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private static final boolean SEQUENTIAL = Boolean.getBoolean("overlap.sequential");

    private Overlap() {
    }

    /** One call in one environment: its answer and its window in System.nanoTime. */
    public record Call<T>(int environment, long startNanos, long endNanos, T answer) {

        public boolean overlaps(Call<?> other) {
            return startNanos < other.endNanos && other.startNanos < endNanos;
        }

        public long micros() {
            return (endNanos - startNanos) / 1_000;
        }
    }

    /**
     * {@code environments} calls at once: environment i builds its own handler with
     * {@code newHandler.apply(i)}, waits at the gate with the others, then runs {@code call(handler, i)}.
     * Returns the calls in environment order. A failing call fails the test with its cause.
     */
    public static <H, T> List<Call<T>> atOnce(int environments, IntFunction<H> newHandler,
                                              BiFunction<H, Integer, T> call) {
        if (SEQUENTIAL) {
            List<Call<T>> calls = new ArrayList<>();
            for (int i = 0; i < environments; i++) {
                H handler = newHandler.apply(i);
                long start = System.nanoTime();
                T answer = call.apply(handler, i);
                calls.add(new Call<>(i, start, System.nanoTime(), answer));
            }
            return calls;
        }
        CyclicBarrier gate = new CyclicBarrier(environments);
        ExecutorService pool = Executors.newFixedThreadPool(environments);
        try {
            List<Future<Call<T>>> futures = new ArrayList<>();
            for (int i = 0; i < environments; i++) {
                int environment = i;
                futures.add(pool.submit(() -> {
                    H handler;
                    try {
                        handler = newHandler.apply(environment);
                    } catch (RuntimeException | Error e) {
                        gate.reset(); // the others stop waiting for this one at once
                        throw e;
                    }
                    gate.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    long start = System.nanoTime();
                    T answer = call.apply(handler, environment);
                    return new Call<>(environment, start, System.nanoTime(), answer);
                }));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<Call<T>> calls = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    calls.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    throw new AssertionError("environment " + i + " of " + environments + " did not finish within "
                            + WAIT.toSeconds() + " s", e);
                } catch (ExecutionException e) {
                    throw new AssertionError("environment " + i + " of " + environments + " failed: " + e.getCause(),
                            e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for environment " + i, e);
                }
            }
            return calls;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The most calls whose windows were open at one instant (1: one after another). */
    public static int mostAtOnce(List<? extends Call<?>> calls) {
        long[][] edges = new long[calls.size() * 2][];
        int n = 0;
        for (Call<?> c : calls) {
            edges[n++] = new long[] {c.startNanos(), 1};
            edges[n++] = new long[] {c.endNanos(), -1};
        }
        // At one instant an end comes before a start: windows that only touch do not overlap.
        Arrays.sort(edges, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int open = 0;
        int most = 0;
        for (long[] edge : edges) {
            open += (int) edge[1];
            most = Math.max(most, open);
        }
        return most;
    }

    /** Fails unless at least two of the calls' windows intersect: calls made one after another fail. */
    public static void assertOverlapped(String what, List<? extends Call<?>> calls) {
        for (int i = 0; i < calls.size(); i++) {
            for (int j = i + 1; j < calls.size(); j++) {
                if (calls.get(i).overlaps(calls.get(j))) {
                    return;
                }
            }
        }
        fail(what + ": no two of the " + calls.size() + " calls overlapped in time, so nothing here ran at once"
                + " (windows in microseconds from the first start: " + windows(calls) + ")");
    }

    private static String windows(List<? extends Call<?>> calls) {
        long first = calls.stream().mapToLong(Call::startNanos).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (Call<?> c : calls) {
            out.add("[" + (c.startNanos() - first) / 1_000 + ", " + (c.endNanos() - first) / 1_000 + "]");
        }
        return String.join(" ", out);
    }

    /**
     * A delivery repeated until {@code done} accepts its answer, the way SQS redelivers a failed
     * message or a client retries a 409: at most {@code attempts} times, {@code pause} apart, then the
     * test fails with the last answer. Returns the accepted answer.
     */
    public static <T> T redeliver(String what, int attempts, Duration pause, Supplier<T> delivery, Predicate<T> done) {
        T answer = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            answer = delivery.get();
            if (done.test(answer)) {
                return answer;
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while redelivering " + what, e);
                }
            }
        }
        throw new AssertionError(what + ": still not done after " + attempts + " deliveries; last answer " + answer);
    }

    /**
     * A Lambda context that keeps the handler's log lines (besides printing them), so a test can read
     * what each call says it did: the {@code outcome} of SqsBatches' {@code message.handled} lines.
     */
    public static final class Logged implements com.amazonaws.services.lambda.runtime.Context {

        private final TestContext context = new TestContext();
        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        /** The outcome of every message handled in this call, in order. */
        public List<String> outcomes() {
            List<String> outcomes = new ArrayList<>();
            synchronized (lines) {
                for (String line : lines) {
                    if (line.startsWith("{")) {
                        Map<String, Object> json = orderflow.shared.json.Json.parseObject(line);
                        if ("message.handled".equals(json.get("event"))) {
                            outcomes.add(String.valueOf(json.get("outcome")));
                        }
                    }
                }
            }
            return outcomes;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
            var out = context.getLogger();
            return new com.amazonaws.services.lambda.runtime.LambdaLogger() {
                @Override public void log(String message) { lines.add(message); out.log(message); }
                @Override public void log(byte[] message) { log(new String(message, java.nio.charset.StandardCharsets.UTF_8)); }
                @Override public void log(String message, com.amazonaws.services.lambda.runtime.logging.LogLevel level) {
                    lines.add(message);
                    out.log(message, level);
                }
            };
        }

        @Override public String getAwsRequestId() { return context.getAwsRequestId(); }
        @Override public String getLogGroupName() { return context.getLogGroupName(); }
        @Override public String getLogStreamName() { return context.getLogStreamName(); }
        @Override public String getFunctionName() { return context.getFunctionName(); }
        @Override public String getFunctionVersion() { return context.getFunctionVersion(); }
        @Override public String getInvokedFunctionArn() { return context.getInvokedFunctionArn(); }
        @Override public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() { return null; }
        @Override public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return context.getRemainingTimeInMillis(); }
        @Override public int getMemoryLimitInMB() { return context.getMemoryLimitInMB(); }
    }

    /**
     * Conditional writes DynamoDB refused (TransactWriteItems canceled, PutItem/UpdateItem failing
     * their condition), by operation: the trace of a lost race. Put it on a client with {@link #client}.
     */
    public static final class Refusals implements ExecutionInterceptor {

        private final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            Throwable e = context.exception();
            if (e instanceof TransactionCanceledException || e instanceof ConditionalCheckFailedException) {
                byOperation.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                        k -> new AtomicInteger()).incrementAndGet();
            }
        }

        public int of(String operation) {
            AtomicInteger n = byOperation.get(operation);
            return n == null ? 0 : n.get();
        }

        /** A DynamoDB client for the test cloud that reports here; close it after the test. */
        public DynamoDbClient client(TestCloud cloud) {
            return DynamoDbClient.builder().region(Region.of(TestCloud.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .endpointOverride(URI.create(cloud.endpoint)).httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(this)).build();
        }

        @Override
        public String toString() {
            return byOperation.toString();
        }
    }
}
