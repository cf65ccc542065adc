package orderflow.shared.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A bare TCP server on 127.0.0.1 that answers each connection with what the test writes (slow drips included). */
final class RawServer implements AutoCloseable {

    interface Answer {
        void write(OutputStream out) throws Exception;
    }

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile String lastRequestHead = "";

    RawServer(Answer answer) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> serve(s, answer));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket s, Answer answer) {
        try (s) {
            lastRequestHead = readHead(s.getInputStream());
            answer.write(s.getOutputStream());
            s.getOutputStream().flush();
        } catch (Exception e) {
            // the client went away (a deadline test): nothing more to send
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    int port() {
        return socket.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int connections() {
        return connections.get();
    }

    String lastRequestHead() {
        return lastRequestHead;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
