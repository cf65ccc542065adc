package orderflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Measures one cold start in a fresh JVM. A function runs as on Lambda: its jar plus the local
 * runtime client (local/bootstrap), fed one event by a one-shot Runtime API; the clock stops when
 * the response arrives. The floor runs the same jar with {@link Floor}; the clock stops at
 * FLOOR_DONE. CPU time and peak RSS are read from /proc while the JVM is still alive.
 */
final class ColdStart {

    record Sample(double wallMs, double initMs, double cpuMs, double rssMib) {
    }

    private final Path java;
    private final Path bootstrapJar;
    private final Path floorJar;

    ColdStart(Path bootstrapJar, Path floorJar) {
        this.java = Path.of(System.getProperty("java.home"), "bin", "java");
        this.bootstrapJar = bootstrapJar;
        this.floorJar = floorJar;
    }

    /** Runs the function once. graceful: let the JVM exit normally (an AOT training run writes its cache then). */
    Sample function(Path jar, Map<String, String> env, String handler, byte[] event, List<String> flags,
                    boolean graceful) throws Exception {
        try (OneShotApi api = new OneShotApi(event, !graceful)) {
            ProcessBuilder pb = jvm(flags, jar + ":" + bootstrapJar, List.of("orderflow.local.bootstrap.Bootstrap"), env);
            pb.environment().put("_HANDLER", handler);
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.port());
            long t0 = System.nanoTime();
            Process p = pb.start();
            List<String> output = drain(p, null);
            try {
                byte[] response = api.response.get(120, TimeUnit.SECONDS);
                double wall = (api.doneAt - t0) / 1e6;
                double init = (api.nextAt - t0) / 1e6;
                Sample s = new Sample(wall, init, ProcessProbe.cpuMs(p.pid()), ProcessProbe.peakRssMib(p.pid()));
                if (new String(response, StandardCharsets.UTF_8).contains("errorMessage")) {
                    throw new IllegalStateException("function failed: " + new String(response, StandardCharsets.UTF_8));
                }
                return s;
            } catch (Exception e) {
                throw new IllegalStateException(handler + " cold start failed: " + e.getMessage() + "\n"
                        + String.join("\n", output), e);
            } finally {
                stop(p, graceful);
            }
        }
    }

    /** Runs the floor once with the given clients. */
    Sample floor(Path jar, Map<String, String> env, List<String> clients, List<String> flags, boolean graceful)
            throws Exception {
        List<String> main = new ArrayList<>(List.of("orderflow.bench.Floor"));
        main.addAll(clients);
        ProcessBuilder pb = jvm(flags, jar + ":" + floorJar, main, env);
        pb.environment().put("FLOOR_HOLD", graceful ? "0" : "1");
        CompletableFuture<Long> done = new CompletableFuture<>();
        long t0 = System.nanoTime();
        Process p = pb.start();
        List<String> output = drain(p, done);
        try {
            long doneAt = done.get(120, TimeUnit.SECONDS);
            if (graceful) {
                p.waitFor(60, TimeUnit.SECONDS);
                return new Sample((doneAt - t0) / 1e6, 0, 0, 0);
            }
            return new Sample((doneAt - t0) / 1e6, 0, ProcessProbe.cpuMs(p.pid()), ProcessProbe.peakRssMib(p.pid()));
        } catch (Exception e) {
            throw new IllegalStateException("floor " + clients + " failed: " + String.join("\n", output), e);
        } finally {
            stop(p, false);
        }
    }

    /** Runs only the handler's SnapStart priming in a fresh JVM (with an AOT cache output flag: the primed snapshot). */
    void primeOnly(Path jar, Map<String, String> env, String handlerClass, List<String> flags) throws Exception {
        Process p = jvm(flags, jar + ":" + floorJar, List.of("orderflow.bench.PrimeOnly", handlerClass), env).start();
        List<String> output = drain(p, null);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("priming " + handlerClass + " failed:\n" + String.join("\n", output));
        }
    }

    /** A fresh JVM with these flags, class path, main class and arguments, and only this environment (plus PATH). */
    private ProcessBuilder jvm(List<String> flags, String classPath, List<String> mainAndArgs, Map<String, String> env) {
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", classPath));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return pb;
    }

    private static void stop(Process p, boolean graceful) throws InterruptedException {
        if (graceful) {
            if (p.waitFor(60, TimeUnit.SECONDS)) {
                return;
            }
        }
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** Collects the child's output; completes {@code floorDone} with the time FLOOR_DONE was printed. */
    private static List<String> drain(Process p, CompletableFuture<Long> floorDone) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (floorDone != null && line.equals("FLOOR_DONE")) {
                        floorDone.complete(System.nanoTime());
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
            if (floorDone != null) {
                floorDone.completeExceptionally(new IOException("exited before FLOOR_DONE"));
            }
        });
        t.setDaemon(true);
        t.start();
        return lines;
    }

    /** A Lambda Runtime API that hands out one event and records when it was fetched and answered. */
    private static final class OneShotApi implements AutoCloseable {
        private final HttpServer server;
        private final byte[] event;
        final CompletableFuture<byte[]> response = new CompletableFuture<>();
        volatile long nextAt;
        volatile long doneAt;
        private boolean given;
        private volatile boolean closed;
        private final boolean hold;

        /** hold: keep the JVM alive after its one event (to measure it); else let it exit normally. */
        OneShotApi(byte[] event, boolean hold) throws IOException {
            this.event = event;
            this.hold = hold;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r);
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/2018-06-01/runtime/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.endsWith("/invocation/next")) {
                boolean second;
                synchronized (this) {
                    second = given;
                    given = true;
                }
                if (second) {
                    // One event only. Hold the next poll so the JVM stays alive to be measured.
                    while (hold && !closed) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    ex.sendResponseHeaders(503, -1);
                    ex.close();
                    return;
                }
                nextAt = System.nanoTime();
                ex.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "bench");
                ex.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
                ex.sendResponseHeaders(200, event.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(event);
                }
                return;
            }
            doneAt = System.nanoTime();
            ex.sendResponseHeaders(202, -1);
            ex.close();
            if (path.endsWith("/response")) {
                response.complete(body);
            } else {
                response.completeExceptionally(new IOException(path + ": " + new String(body, StandardCharsets.UTF_8)));
            }
        }

        @Override
        public void close() {
            closed = true;
            server.stop(0);
        }
    }
}
