package orderflow.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Storefront;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
import orderflow.shared.security.PlatformSignature;
import orderflow.shared.security.WebhookSignature;
import orderflow.shared.service.ReceiveOrderService;

/**
 * The storefront door's rule as a property: a delivery whose signature verifies and whose body is a
 * readable JSON object is never refused, whatever its fields say. Real Shopify, WooCommerce and generic
 * bodies are broken at random (fields removed, retyped, emptied, made hostile), signed as each
 * platform signs, and received: the answer is an order (held when it cannot be acted on) that
 * survives the trip through its DynamoDB item, never an exception (a 4xx or 5xx at the door).
 */
class StorefrontDoorProperties {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String SECRET = "door-secret";

    /** One mutation: at a path of the body, a value put (or null: the field removed). */
    record Mutation(int pick, Object value, boolean remove) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                // readable text only: NUL, other controls and lone surrogates make a body we cannot read (a 400)
                Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u2fff').ofMaxLength(30)
                        .map(s -> (Object) s),
                Arbitraries.of("", " ", "-1", "1e9", "12.345", "NaN", "<script>", "' OR 1=1 --", "MUG BLUE #2",
                        "\u202etxt", "2026-13-45T99:00:00Z", "XXX", "null").map(s -> (Object) s),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.of(new java.math.BigDecimal("-3.00"), new java.math.BigDecimal("0.001"), 1.5)
                        .map(n -> (Object) n),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.of(List.of(), List.of(1, "x"), Map.of(), Map.of("a", List.of())).map(v -> (Object) v));
        Arbitrary<Mutation> one = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 10_000), values,
                Arbitraries.of(true, false, false)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void a_verified_shopify_delivery_is_always_taken(@ForAll("mutations") List<Mutation> mutations) {
        assertTaken("shopify", "shopify-orders-create.json", mutations);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void a_verified_woocommerce_delivery_is_always_taken(@ForAll("mutations") List<Mutation> mutations) {
        assertTaken("woocommerce", "woocommerce-order-created.json", mutations);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void a_verified_generic_delivery_is_always_taken(@ForAll("mutations") List<Mutation> mutations) {
        assertTaken("generic", "generic-order.json", mutations);
    }

    private static void assertTaken(String type, String fixture, List<Mutation> mutations) {
        Map<String, Object> body = load(fixture);
        for (Mutation m : mutations) {
            mutate(body, m);
        }
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        switch (type) {
            case "shopify" -> {
                headers.put("x-shopify-hmac-sha256", PlatformSignature.sign(SECRET, bytes));
                headers.put("x-shopify-topic", "orders/create");
            }
            case "woocommerce" -> {
                headers.put("x-wc-webhook-signature", PlatformSignature.sign(SECRET, bytes));
                headers.put("x-wc-webhook-topic", "order.updated");
            }
            default -> headers.put(WebhookSignature.HEADER.toLowerCase(java.util.Locale.ROOT),
                    WebhookSignature.sign(SECRET, NOW.getEpochSecond(), bytes));
        }
        ItemOrders orders = new ItemOrders();
        ReceiveOrderService door = new ReceiveOrderService(new OneStorefront(type), orders, new NoQueue(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        ReceiveOrderService.Receipt receipt = door.receive("sf", name -> headers.get(name.toLowerCase(
                java.util.Locale.ROOT)), bytes);
        assertNotNull(receipt);
        if (receipt.orderId() != null) {
            Order stored = orders.get(receipt.orderId()).orElseThrow();
            if (stored.status() == OrderStatus.ON_HOLD) {
                assertTrue(stored.intake().held() || stored.statusReason() != null, String.valueOf(stored));
            }
            // Delivered again, it is the same order: nothing doubles.
            ReceiveOrderService.Receipt again = door.receive("sf", name -> headers.get(name.toLowerCase(
                    java.util.Locale.ROOT)), bytes);
            assertEquals(receipt.orderId(), again.orderId());
            assertEquals(1, orders.items.size());
        }
    }

    /** Puts the mutation's value at one of the body's paths (objects and arrays walked in order). */
    @SuppressWarnings("unchecked")
    private static void mutate(Map<String, Object> body, Mutation m) {
        List<Object[]> slots = new ArrayList<>(); // {container, key or index}
        collect(body, slots);
        Object[] slot = slots.get(m.pick() % slots.size());
        if (slot[0] instanceof Map<?, ?> map) {
            if (m.remove()) {
                ((Map<String, Object>) map).remove((String) slot[1]);
            } else {
                ((Map<String, Object>) map).put((String) slot[1], copy(m.value()));
            }
        } else {
            ((List<Object>) slot[0]).set((Integer) slot[1], m.remove() ? null : copy(m.value()));
        }
    }

    private static void collect(Object node, List<Object[]> slots) {
        if (node instanceof Map<?, ?> map) {
            for (Object key : new ArrayList<>(map.keySet())) {
                slots.add(new Object[] {map, key});
                collect(map.get(key), slots);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                slots.add(new Object[] {list, i});
                collect(list.get(i), slots);
            }
        }
    }

    private static Map<String, Object> load(String name) {
        try (InputStream in = StorefrontDoorProperties.class.getResourceAsStream("/storefront/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource storefront/" + name);
            }
            return deepCopy(Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> json) {
        return (Map<String, Object>) copy(json);
    }

    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return node;
    }

    private record OneStorefront(String type) implements Accounts {
        @Override
        public Optional<Storefront> storefront(String id) {
            return Optional.of(new Storefront("sf", "seller", type, List.of(SECRET)));
        }

        @Override
        public Optional<Seller> seller(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<String> sellerIdForApiKeyHash(String hash) {
            return Optional.empty();
        }

        @Override
        public Optional<AmazonLink> amazonSeller(String id) {
            return Optional.empty();
        }
    }

    private static final class NoQueue implements OrderQueue {
        @Override
        public void enqueue(String orderId) {
        }

        @Override
        public void stockArrived(String sellerId, String sku) {
        }

        @Override
        public void retryContended(String orderId, int contended, java.time.Duration delay) {
        }

        @Override
        public void cancel(String orderId, String reason, boolean buyerRequested, Actor actor) {
        }

        @Override
        public void shippedOnPlatform(String orderId, orderflow.shared.domain.storefront.PlatformShipment shipment,
                                      Actor actor) {
        }

        @Override
        public void refundedOnPlatform(String orderId, orderflow.shared.domain.storefront.PlatformRefund refund,
                                       Actor actor) {
        }
    }

    /** Orders kept as their DynamoDB items, so every stored order must survive OrderItems both ways. */
    private static final class ItemOrders implements Orders {
        final Map<String, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items =
                new HashMap<>();

        @Override
        public boolean create(Order order, HistoryEntry received) {
            return items.putIfAbsent(order.orderId(), storable(OrderItems.toItem(order))) == null;
        }

        /** DynamoDB refuses an attribute value of no type (what a null string becomes): a 500 at the door. */
        private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> storable(
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
            item.forEach((name, value) -> check(name, value));
            return item;
        }

        private static void check(String path, software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
            boolean typed = v.s() != null || v.n() != null || v.b() != null || v.bool() != null || v.nul() != null
                    || v.hasM() || v.hasL() || v.hasSs() || v.hasNs() || v.hasBs();
            assertTrue(typed, path + " has no value: DynamoDB would refuse the item");
            if (v.hasM()) {
                v.m().forEach((k, inner) -> check(path + "." + k, inner));
            }
            if (v.hasL()) {
                for (int i = 0; i < v.l().size(); i++) {
                    check(path + "[" + i + "]", v.l().get(i));
                }
            }
        }

        @Override
        public Optional<Order> get(String orderId) {
            return Optional.ofNullable(items.get(orderId)).map(OrderItems::fromItem);
        }

        @Override
        public Applied apply(OrderChange change) {
            items.put(change.after().orderId(), storable(OrderItems.toItem(change.after())));
            return new Done();
        }

        @Override
        public Page list(String sellerId, OrderFilter filter, Map<String, String> after, int limit) {
            throw new UnsupportedOperationException("not on the door's path");
        }

        @Override
        public Page listByStatus(String sellerId, OrderStatus status, Map<String, String> after, int limit,
                                 boolean oldestFirst) {
            throw new UnsupportedOperationException("not on the door's path");
        }

        @Override
        public List<HistoryEntry> history(String orderId, long afterVersion, int limit) {
            throw new UnsupportedOperationException("not on the door's path");
        }

        @Override
        public void markConfirmationQueued(String orderId, Instant at) {
            throw new UnsupportedOperationException("not on the door's path");
        }
    }
}
