package orderflow.local.carriers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import orderflow.shared.domain.Address;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.shipping.Parcel;
import orderflow.shared.domain.shipping.ParcelItem;
import orderflow.shared.domain.shipping.RateRequest;
import orderflow.shared.domain.shipping.ShipAddress;

/** Shared test data: a parcel from a Seattle seller to a Houston buyer, and a webhook receiver. */
final class Fixtures {

    private Fixtures() {
    }

    static RateRequest request(String externalOrderId) {
        ShipAddress from = new ShipAddress(new Address("Seller Shop", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US"),
                "Seller Shop LLC", "+12065550100", "ship@seller.example");
        ShipAddress to = new ShipAddress(new Address("Ada Buyer", "1 Main St", "Apt 2", "Houston", "TX", "77063", "US"),
                null, "+17135550100", null);
        return new RateRequest("ord_123", externalOrderId, from, to, new Parcel(1000, 300, 200, 100),
                List.of(new ParcelItem("MUG-BLUE", "Blue mug", 2, "ITEM-1", Money.parse("12.00", "USD"))));
    }

    /** A loopback endpoint that keeps every body and its headers, answering 200. */
    static final class Receiver implements AutoCloseable {
        record Received(byte[] body, Map<String, List<String>> headers) {
        }

        final List<Received> received = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            server.createContext("/", x -> {
                try (x) {
                    received.add(new Received(x.getRequestBody().readAllBytes(), Map.copyOf(x.getRequestHeaders())));
                    x.sendResponseHeaders(200, -1);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/easypost";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
