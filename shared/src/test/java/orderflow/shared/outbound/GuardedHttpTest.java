package orderflow.shared.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GuardedHttpTest {

    private static final OutboundRules LOCAL = OutboundRules.allowingLoopback();

    private static GuardedHttp client(Duration deadline, long maxBody) {
        return new GuardedHttp(LOCAL, deadline, maxBody);
    }

    @Test
    void the_deadline_covers_the_body_a_slow_drip_is_cut_off() throws Exception {
        try (RawServer slow = new RawServer(out -> {
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
            for (int i = 0; i < 100; i++) {
                Thread.sleep(100); // every byte well inside any per-read timeout, the whole far past the deadline
                RawServer.write(out, "x");
            }
        })) {
            long start = System.nanoTime();
            assertThrows(HttpTimeoutException.class, () -> client(Duration.ofMillis(800), 1000)
                    .exchange("GET", URI.create(slow.url("/")), Map.of(), null));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2_000, "gave up after " + millis + " ms");
        }
    }

    @Test
    void a_refund_webhook_to_a_slow_body_fails_within_its_deadline() throws Exception {
        try (RawServer slow = new RawServer(out -> {
            RawServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 100; i++) {
                Thread.sleep(100);
                RawServer.write(out, "1\r\nx\r\n");
            }
        })) {
            HttpRefundWebhook webhook = new HttpRefundWebhook(new GuardedHttp(LOCAL, Duration.ofMillis(800), 64 * 1024));
            assertThrows(UncheckedIOException.class, () -> webhook.post(slow.url("/refunds"), new byte[] {'{', '}'},
                    Map.of("Content-Type", "application/json")));
        }
    }

    @Test
    void a_redirect_is_returned_never_followed_even_to_a_private_address() throws Exception {
        try (RawServer target = new RawServer(out -> RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
             RawServer redirecting = new RawServer(out -> RawServer.write(out,
                     "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data/\r\nContent-Length: 0\r\n\r\n"));
             RawServer toLoopback = new RawServer(out -> RawServer.write(out,
                     "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + target.url("/") + "\r\nContent-Length: 0\r\n\r\n"))) {
            GuardedHttp.Answer answer = client(Duration.ofSeconds(2), 1000)
                    .exchange("POST", URI.create(redirecting.url("/refunds")), Map.of(), new byte[0]);
            assertEquals(302, answer.status());
            assertEquals(307, client(Duration.ofSeconds(2), 1000)
                    .exchange("GET", URI.create(toLoopback.url("/")), Map.of(), null).status());
            assertEquals(0, target.connections());
        }
    }

    @Test
    void a_body_beyond_the_cap_is_refused_whether_announced_chunked_or_streamed() throws Exception {
        String big = "y".repeat(2_000);
        try (RawServer announced = new RawServer(out -> RawServer.write(out,
                "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n" + big));
             RawServer chunked = new RawServer(out -> RawServer.write(out,
                     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + big + "\r\n0\r\n\r\n"));
             RawServer streamed = new RawServer(out -> RawServer.write(out, "HTTP/1.1 200 OK\r\n\r\n" + big))) {
            for (RawServer server : new RawServer[] {announced, chunked, streamed}) {
                assertThrows(GuardedHttp.TooLarge.class, () -> client(Duration.ofSeconds(2), 1_000)
                        .exchange("GET", URI.create(server.url("/")), Map.of(), null), server.url("/"));
            }
            GuardedHttp.Answer whole = client(Duration.ofSeconds(2), 2_000)
                    .exchange("GET", URI.create(chunked.url("/")), Map.of(), null);
            assertArrayEquals(big.getBytes(StandardCharsets.US_ASCII), whole.body());
        }
    }

    @Test
    void production_rules_refuse_loopback_and_plain_http_before_connecting() throws Exception {
        try (RawServer server = new RawServer(out -> RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            GuardedHttp strict = new GuardedHttp(OutboundRules.publicOnly(), Duration.ofSeconds(2), 1000);
            assertThrows(GuardedHttp.Refused.class, () -> strict.exchange("GET", URI.create(server.url("/")), Map.of(), null));
            assertThrows(GuardedHttp.Refused.class, () -> strict.exchange("GET",
                    URI.create("https://127.0.0.1:" + server.port() + "/"), Map.of(), null));
            assertThrows(GuardedHttp.Refused.class, () -> strict.exchange("GET",
                    URI.create("https://localhost:" + server.port() + "/"), Map.of(), null));
            HttpRefundWebhook refunds = new HttpRefundWebhook(OutboundRules.publicOnly());
            assertThrows(UncheckedIOException.class, () -> refunds.post(server.url("/refunds"), new byte[0], Map.of()));
            assertEquals(0, server.connections());
        }
    }

    @Test
    void a_name_resolving_to_the_metadata_address_is_refused_and_never_connected() throws Exception {
        GuardedHttp.Resolver rebinding = host -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        GuardedHttp strict = new GuardedHttp(OutboundRules.publicOnly(), Duration.ofSeconds(2), 1000, rebinding);
        assertThrows(GuardedHttp.Refused.class,
                () -> strict.exchange("POST", URI.create("https://refunds.shop.example/hook"), Map.of(), new byte[0]));
    }

    @Test
    void it_connects_to_the_address_it_checked_without_a_second_lookup() throws Exception {
        try (RawServer server = new RawServer(out -> RawServer.write(out,
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            // "refunds.invalid" has no DNS record: the only way to reach the server is the checked address.
            GuardedHttp.Resolver once = host -> new InetAddress[] {InetAddress.getLoopbackAddress()};
            GuardedHttp http = new GuardedHttp(LOCAL, Duration.ofSeconds(2), 1000, once);
            GuardedHttp.Answer answer = http.exchange("GET",
                    URI.create("http://refunds.invalid:" + server.port() + "/x?y=1"), Map.of("Accept", "text/plain"), null);
            assertEquals(200, answer.status());
            assertEquals("ok", new String(answer.body(), StandardCharsets.US_ASCII));
            assertTrue(server.lastRequestHead().startsWith("GET /x?y=1 HTTP/1.1\r\n"), server.lastRequestHead());
            assertTrue(server.lastRequestHead().contains("Host: refunds.invalid:" + server.port()), server.lastRequestHead());
        }
    }

    @Test
    void a_header_with_a_line_break_is_refused() {
        GuardedHttp http = client(Duration.ofSeconds(1), 1000);
        assertThrows(IllegalArgumentException.class, () -> http.exchange("GET", URI.create("http://127.0.0.1:9/"),
                Map.of("X-Evil", "a\r\nHost: other"), null));
    }

    @Test
    void a_name_lookup_that_hangs_ends_at_the_deadline_and_nothing_is_sent() {
        GuardedHttp.Resolver hanging = host -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        };
        GuardedHttp http = new GuardedHttp(LOCAL, Duration.ofMillis(500), 1000, hanging);
        long start = System.nanoTime();
        assertThrows(java.net.UnknownHostException.class,
                () -> http.exchange("POST", URI.create("http://slow-dns.invalid:9/hook"), Map.of(), new byte[0]));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2_000, "gave up after " + millis + " ms");
    }

    @Test
    void a_peer_that_never_reads_the_request_body_cannot_outlast_the_deadline() throws Exception {
        try (RawServer deaf = new RawServer(out -> Thread.sleep(10_000))) { // reads the head, then nothing more
            byte[] body = new byte[32 * 1024 * 1024]; // far more than both sockets' buffers hold
            long start = System.nanoTime();
            assertThrows(HttpTimeoutException.class, () -> client(Duration.ofMillis(800), 1000)
                    .exchange("POST", URI.create(deaf.url("/hook")), Map.of(), body));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2_500, "gave up after " + millis + " ms");
        }
    }
}
