package orderflow.shared.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one HTTP client for every call leaving the stack (refund URLs, platform APIs, carriers). It
 * resolves the host itself, refuses the URL when any address is not public ({@link OutboundRules}),
 * and connects to the address it checked: there is no second lookup a short-TTL DNS answer could
 * rebind. TLS still verifies the certificate against the host name (SNI + endpoint identification).
 * Redirects are never followed (a 3xx is returned as the answer). One deadline covers the whole
 * exchange, name lookup to last body byte (a watchdog closes the socket at the deadline, so even a
 * peer that stops reading our request body cannot hold the function); a body beyond {@code maxBody}
 * is an error, never cut short.
 * HTTP/1.1 with Connection: close (no pool: nothing outlives the call, nothing crosses a SnapStart
 * snapshot).
 */
public final class GuardedHttp {

    /** Resolves a host name to every address it has (a seam for the rebinding tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The request was refused before anything was sent (scheme, or a non-public address). Never sent: safe to retry. */
    public static final class Refused extends ConnectException {
        public Refused(String message) {
            super(message);
        }
    }

    /** The answer's body is larger than the cap. */
    public static final class TooLarge extends IOException {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** One answer: status, headers as sent (names compared case-insensitively by callers), the whole body. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private static final int MAX_HEAD = 64 * 1024;
    private static final Duration CONNECT = Duration.ofSeconds(3);

    private final OutboundRules rules;
    private final Duration deadline;
    private final long maxBody;
    private final Resolver resolver;

    public GuardedHttp(OutboundRules rules, Duration deadline, long maxBody) {
        this(rules, deadline, maxBody, InetAddress::getAllByName);
    }

    public GuardedHttp(OutboundRules rules, Duration deadline, long maxBody, Resolver resolver) {
        this.rules = rules;
        this.deadline = deadline;
        this.maxBody = maxBody;
        this.resolver = resolver;
    }

    public Duration deadline() {
        return deadline;
    }

    /** Sends one request (body null for none). IOException for anything that is not a complete, allowed answer. */
    public Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        InetAddress[] addresses = rules.addresses(uri, name -> resolveWithin(name, end));
        String host = uri.getHost();
        String bare = OutboundRules.bareHost(uri);
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        byte[] head = head(method, uri, host, port, tls, headers, body);
        try (Socket socket = connect(addresses, port, end); Watchdog ignored = Watchdog.closeAt(socket, end)) {
            Socket s = tls ? secure(socket, bare, port, end) : socket;
            OutputStream out = s.getOutputStream();
            out.write(head);
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(new Deadline(s, end), method);
        } catch (SocketTimeoutException e) {
            throw timeout();
        } catch (IOException e) {
            if (remainingMillis(end) <= 0 && !(e instanceof TooLarge)) {
                throw timeout(); // the watchdog closed the socket under a blocked write or handshake
            }
            throw e;
        }
    }

    private HttpTimeoutException timeout() {
        return new HttpTimeoutException("no complete answer within " + deadline.toMillis() + " ms");
    }

    /** The lookup runs on its own (virtual) thread so a resolver that hangs cannot outlast the deadline. */
    private InetAddress[] resolveWithin(String name, long end) throws UnknownHostException {
        FutureTask<InetAddress[]> lookup = new FutureTask<>(() -> resolver.resolve(name));
        Thread.ofVirtual().start(lookup);
        try {
            return lookup.get(Math.max(1, remainingMillis(end)), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new UnknownHostException(name + ": no address within the deadline");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UnknownHostException u ? u : new UnknownHostException(name + ": lookup failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(name + ": lookup interrupted");
        }
    }

    private static Socket connect(InetAddress[] addresses, int port, long end) throws IOException {
        IOException last = new UnknownHostException("no address");
        for (InetAddress a : addresses) {
            Socket socket = new Socket();
            try {
                int wait = (int) Math.max(1, Math.min(CONNECT.toMillis(), remainingMillis(end)));
                socket.connect(new InetSocketAddress(a, port), wait);
                return socket;
            } catch (SocketTimeoutException e) {
                socket.close();
                last = new HttpConnectTimeoutException("no connection within the deadline");
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last;
    }

    private static Socket secure(Socket plain, String host, int port, long end) throws IOException {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(p);
        ssl.setSoTimeout((int) Math.max(1, remainingMillis(end)));
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] head(String method, URI uri, String host, int port, boolean tls, Map<String, String> headers,
                               byte[] body) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder h = new StringBuilder(method).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            h.append('?').append(uri.getRawQuery());
        }
        h.append(" HTTP/1.1\r\nHost: ").append(host);
        if (port != (tls ? 443 : 80)) {
            h.append(':').append(port);
        }
        h.append("\r\nConnection: close\r\n");
        if (headers.keySet().stream().noneMatch(n -> n.equalsIgnoreCase("User-Agent"))) {
            h.append("User-Agent: orderflow\r\n"); // some platforms' firewalls refuse a request without one
        }
        if (body != null || !"GET".equals(method) && !"HEAD".equals(method)) {
            h.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        headers.forEach((name, value) -> {
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " is not a valid HTTP header");
            }
            h.append(name).append(": ").append(value).append("\r\n");
        });
        return h.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private Answer read(Deadline in, String method) throws IOException {
        while (true) {
            String statusLine = in.line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x answer");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + parts[1]);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = in.line(); !line.isEmpty(); line = in.line()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).strip());
                }
            }
            if (status >= 100 && status < 200) {
                continue; // 100 Continue and friends: the real answer follows
            }
            boolean empty = "HEAD".equals(method) || status == 204 || status == 304;
            return new Answer(status, headers, empty ? new byte[0] : body(in, headers));
        }
    }

    private byte[] body(Deadline in, Map<String, List<String>> headers) throws IOException {
        String encoding = first(headers, "Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = in.line();
                int semi = size.indexOf(';');
                long n;
                try {
                    n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size");
                }
                if (n == 0) {
                    while (!in.line().isEmpty()) {
                        // trailers: ignored
                    }
                    return out.toByteArray();
                }
                if (out.size() + n > maxBody) {
                    throw tooLarge();
                }
                in.copy(out, n);
                in.line();
            }
        }
        String length = first(headers, "Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length");
            }
            if (n > maxBody) {
                throw tooLarge();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) n);
            in.copy(out, n);
            return out.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int r = in.read(buffer, buffer.length); r >= 0; r = in.read(buffer, buffer.length)) {
            if (out.size() + r > maxBody) {
                throw tooLarge();
            }
            out.write(buffer, 0, r);
        }
        return out.toByteArray();
    }

    private TooLarge tooLarge() {
        return new TooLarge("the answer is larger than " + maxBody + " bytes: refused");
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static long remainingMillis(long end) {
        return (end - System.nanoTime()) / 1_000_000;
    }

    /** Closes the socket when the deadline passes unless the exchange ended first (then it is interrupted). */
    private static final class Watchdog implements AutoCloseable {
        private final Thread thread;

        private Watchdog(Thread thread) {
            this.thread = thread;
        }

        static Watchdog closeAt(Socket socket, long end) {
            return new Watchdog(Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
                    socket.close();
                } catch (InterruptedException | IOException e) {
                    // the exchange finished in time, or the socket is already gone
                }
            }));
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /** The socket's input, each read bounded by what is left of the deadline (a slow drip cannot extend it). */
    private static final class Deadline {
        private final Socket socket;
        private final InputStream in;
        private final long end;

        Deadline(Socket socket, long end) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.end = end;
        }

        int read(byte[] buffer, int max) throws IOException {
            long left = remainingMillis(end);
            if (left <= 0) {
                throw new SocketTimeoutException("deadline");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            return in.read(buffer, 0, max);
        }

        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] one = new byte[1];
            while (true) {
                if (read(one, 1) < 0) {
                    throw new IOException("the connection closed mid-answer");
                }
                if (one[0] == '\n') {
                    String s = line.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                if (line.size() >= MAX_HEAD) {
                    throw new IOException("answer headers longer than " + MAX_HEAD + " bytes");
                }
                line.write(one[0]);
            }
        }

        void copy(ByteArrayOutputStream out, long n) throws IOException {
            byte[] buffer = new byte[8192];
            long left = n;
            while (left > 0) {
                int r = read(buffer, (int) Math.min(buffer.length, left));
                if (r < 0) {
                    throw new IOException("the connection closed mid-body");
                }
                out.write(buffer, 0, r);
                left -= r;
            }
        }
    }
}
