package orderflow.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The AWS API emulator on loopback: moto server (default) or ministack, started from the
 * project's virtualenv, or an already running endpoint (AWS_ENDPOINT_URL, e.g. LocalStack).
 */
public final class Emulator implements AutoCloseable {

    private final String kind;
    private final String endpoint;
    private final Process process;

    private Emulator(String kind, String endpoint, Process process) {
        this.kind = kind;
        this.endpoint = endpoint;
        this.process = process;
    }

    public static Emulator external(String kind, String endpoint) {
        return new Emulator(kind, endpoint, null);
    }

    public static Emulator start(String kind, Path venv, int port, Path logFile, PrintStream log)
            throws IOException, InterruptedException {
        int p = port > 0 ? port : freePort();
        List<String> command = switch (kind) {
            // moto behind tools/moto_local.py, which serialises DynamoDB requests (see that file).
            case "moto" -> List.of(venv.resolve("bin/python").toString(),
                    venv.getParent().resolve("tools/moto_local.py").toString(), "-H", "127.0.0.1", "-p",
                    Integer.toString(p));
            case "ministack" -> List.of(venv.resolve("bin/ministack").toString());
            default -> throw new IllegalArgumentException("EMULATOR must be moto or ministack, not " + kind);
        };
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            throw new IllegalStateException(command.get(0) + " is missing: run scripts/setup first");
        }
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(Map.of("GATEWAY_PORT", Integer.toString(p), "MINISTACK_HOST", "127.0.0.1"));
        Process process = builder.start();
        Emulator emulator = new Emulator(kind, "http://127.0.0.1:" + p, process);
        emulator.awaitReady(Duration.ofSeconds(60));
        log.println("[emulator] " + kind + " on " + emulator.endpoint + " (log: " + logFile + ")");
        return emulator;
    }

    public String kind() {
        return kind;
    }

    public String endpoint() {
        return endpoint;
    }

    /** Emails the emulator accepted, as JSON, from its own inspection API. */
    public byte[] sentEmails() throws IOException {
        String path = kind.equals("ministack") ? "/_ministack/ses/messages" : "/moto-api/data.json";
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + path).toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(10000);
        try (var in = c.getInputStream()) {
            byte[] body = in.readAllBytes();
            if (kind.equals("ministack")) {
                return body;
            }
            Map<String, Object> data = orderflow.shared.json.Json.parseObject(new String(body,
                    java.nio.charset.StandardCharsets.UTF_8));
            Object messages = Template.map(data.get("ses")).get("Message");
            return orderflow.shared.json.Json.write(messages == null ? List.of() : messages)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IOException(kind + " exited with " + process.exitValue() + " during start-up");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                c.getResponseCode();
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException(kind + " did not answer on " + endpoint + " within " + timeout.toSeconds() + " s");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
