package orderflow.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.json.Json;

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
            case "ministack" -> List.of(venv.resolveSibling(".venv-ministack").resolve("bin/ministack").toString());
            default -> throw new IllegalArgumentException("EMULATOR must be moto or ministack, not " + kind);
        };
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            throw new IllegalStateException(command.get(0) + " is missing: run scripts/run-local first (it creates the pinned .venv)");
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

    /** Emails the emulator accepted, as a JSON list (see {@link #sentEmails(String, String)}). */
    public byte[] sentEmails() throws IOException {
        return Json.write(sentEmails(kind, endpoint)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Emails an emulator accepted, read from its own inspection API and normalised to
     * {subject, source, to, html, text} (moto keeps only the HTML part when there is one).
     */
    public static List<Map<String, Object>> sentEmails(String kind, String endpoint) throws IOException {
        String path = switch (kind) {
            case "ministack" -> "/_ministack/ses/messages";
            case "localstack" -> "/_aws/ses";
            default -> "/moto-api/data.json";
        };
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + path).toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(10000);
        String body;
        try (var in = c.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> data = Json.parseObject(body);
        List<Map<String, Object>> emails = new ArrayList<>();
        switch (kind) {
            case "ministack" -> Template.map(data.get("messages")).values().forEach(account ->
                    Template.list(account).forEach(m -> {
                        Map<String, Object> e = Template.map(m);
                        emails.add(email(e.get("Subject"), e.get("Source"), e.get("To"), e.get("BodyHtml"),
                                e.get("BodyText")));
                    }));
            case "localstack" -> Template.list(data.get("messages")).forEach(m -> {
                Map<String, Object> e = Template.map(m);
                Map<String, Object> b = Template.map(e.get("Body"));
                emails.add(email(e.get("Subject"), e.get("Source"),
                        Template.map(e.get("Destination")).get("ToAddresses"), b.get("html_part"), b.get("text_part")));
            });
            default -> Template.list(Template.map(data.get("ses")).get("Message")).forEach(m -> {
                Map<String, Object> e = Template.map(m);
                emails.add(email(e.get("subject"), e.get("source"),
                        Template.map(e.get("destinations")).get("ToAddresses"), e.get("body"), null));
            });
        }
        return emails;
    }

    private static Map<String, Object> email(Object subject, Object source, Object to, Object html, Object text) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("subject", subject);
        e.put("source", source);
        e.put("to", to == null ? List.of() : to);
        e.put("html", html);
        e.put("text", text);
        return e;
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
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
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
