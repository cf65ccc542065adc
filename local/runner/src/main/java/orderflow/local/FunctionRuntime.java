package orderflow.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One function's execution environments: separate JVMs running its jar with the bootstrap, each
 * talking to its own Lambda Runtime API endpoint here. Invocations queue up and go to a free
 * environment; a new one starts while all are busy, up to {@code maxConcurrency}. An invocation
 * that overruns the function's Timeout kills its environment, as on Lambda.
 */
public final class FunctionRuntime implements AutoCloseable {

    /** Thrown when the function failed (handler exception, crash or timeout); the body is Lambda's error JSON. */
    public static final class FunctionError extends Exception {
        public FunctionError(String message) {
            super(message);
        }
    }

    private record Invocation(String requestId, byte[] event, CompletableFuture<byte[]> result) {
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final int maxConcurrency;
    private final PrintStream log;
    private final LinkedBlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final List<Environment> environments = new ArrayList<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicInteger environmentsStarted = new AtomicInteger();
    private volatile boolean closed;

    public FunctionRuntime(String name, Path functionJar, Path bootstrapJar, List<String> jvmOptions,
                           Map<String, String> environment, Duration timeout, int maxConcurrency, PrintStream log) {
        this.name = name;
        this.environment = environment;
        this.timeout = timeout;
        this.maxConcurrency = maxConcurrency;
        this.log = log;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(functionJar + File.pathSeparator + bootstrapJar);
        cmd.add("orderflow.local.bootstrap.Bootstrap");
        this.command = List.copyOf(cmd);
    }

    public String name() {
        return name;
    }

    /** Invocations answered, time spent inside environments, environments started (for the bench). */
    public record Stats(long invocations, double busyMs, int environmentsStarted) {
    }

    public Stats stats() {
        return new Stats(invocations.get(), busyNanos.get() / 1e6, environmentsStarted.get());
    }

    /** Starts the first environment ahead of traffic, so the first request is not a cold start. */
    public synchronized void warm() throws IOException {
        if (environments.isEmpty()) {
            environments.add(new Environment());
        }
    }

    /** Invokes synchronously and returns the handler's JSON response. */
    public byte[] invoke(byte[] event) throws FunctionError {
        if (closed) {
            throw new FunctionError("runtime closed");
        }
        Invocation inv = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        pending.add(inv);
        scaleIfBusy();
        try {
            // Queueing time does not count toward the function timeout; a little slack covers start-up.
            return inv.result().get(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new FunctionError(e.getCause() instanceof TimeoutException
                    ? "Task timed out after " + timeout.toSeconds() + " seconds" : String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            pending.remove(inv);
            throw new FunctionError("no response within " + timeout.plusSeconds(30).toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionError("interrupted");
        }
    }

    private synchronized void scaleIfBusy() {
        environments.removeIf(e -> !e.process.isAlive());
        if (idle.get() == 0 && environments.size() < maxConcurrency && !closed) {
            try {
                environments.add(new Environment());
            } catch (IOException e) {
                log.println("[" + name + "] cannot start an environment: " + e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        environments.forEach(e -> e.process.destroy()); // all at once, then wait for each
        for (Environment e : environments) {
            e.stop();
        }
        environments.clear();
        Invocation inv;
        while ((inv = pending.poll()) != null) {
            inv.result().completeExceptionally(new IOException("runtime closed"));
        }
    }

    /** One JVM and its Runtime API endpoint. */
    private final class Environment {
        private final HttpServer server;
        private final Process process;
        private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
        private final Map<String, Long> handedOutAt = new ConcurrentHashMap<>();
        private volatile boolean initFailed;

        Environment() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, name + "-runtime-api");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/2018-06-01/runtime/", this::handle);
            server.start();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().putAll(environment);
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
            process = builder.start();
            environmentsStarted.incrementAndGet();
            Thread pump = new Thread(this::pumpLogs, name + "-logs");
            pump.setDaemon(true);
            pump.start();
        }

        private void pumpLogs() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.println("[" + name + "] " + line);
                }
            } catch (IOException e) {
                // process ended
            }
            int code = process.isAlive() ? 0 : process.exitValue();
            if (!closed) {
                log.println("[" + name + "] environment exited (" + code + ")");
            }
            inFlight.values().forEach(inv -> inv.result().completeExceptionally(
                    new IOException(initFailed ? "function initialisation failed" : "environment exited")));
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath().substring("/2018-06-01/runtime/".length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("invocation/next")) {
                next(exchange);
                return;
            }
            if (path.equals("init/error")) {
                initFailed = true;
                log.println("[" + name + "] init error: " + new String(body, StandardCharsets.UTF_8));
            } else if (path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                Invocation inv = inFlight.remove(parts[1]);
                Long started = handedOutAt.remove(parts[1]);
                if (started != null) {
                    invocations.incrementAndGet();
                    busyNanos.addAndGet(System.nanoTime() - started);
                }
                if (inv != null) {
                    if (parts[2].equals("response")) {
                        inv.result().complete(body);
                    } else {
                        inv.result().completeExceptionally(new IOException(new String(body, StandardCharsets.UTF_8)));
                    }
                }
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        }

        private void next(HttpExchange exchange) throws IOException {
            Invocation inv;
            idle.incrementAndGet();
            try {
                do {
                    inv = pending.poll(1, TimeUnit.SECONDS);
                } while (inv == null && !closed && process.isAlive());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                inv = null;
            } finally {
                idle.decrementAndGet();
            }
            if (inv == null) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            Invocation current = inv;
            inFlight.put(inv.requestId(), inv);
            handedOutAt.put(inv.requestId(), System.nanoTime());
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", inv.requestId());
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", name);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, inv.event().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(inv.event());
            }
            // Lambda stops an invocation at its timeout: so do we, by ending the environment.
            current.result().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, err) -> {
                if (err instanceof TimeoutException) {
                    log.println("[" + name + "] invocation " + current.requestId() + " timed out after "
                            + timeout.toSeconds() + " s; stopping its environment");
                    stop();
                }
            });
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            server.stop(0);
        }
    }
}
