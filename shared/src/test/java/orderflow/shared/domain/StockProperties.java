package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
import orderflow.shared.service.CancelOrder;
import orderflow.shared.service.LowStockAlerts;
import orderflow.shared.service.ProcessOrderService;
import orderflow.shared.service.ShipOrder;
import orderflow.shared.service.StockUpdateService;

/**
 * The production services that move stock, driven with random sequences on a few SKUs: orders
 * reserved by {@link ProcessOrderService} (and retried by its {@code stockArrived} when stock comes),
 * canceled by the seller ({@link CancelOrder}) or the storefront ({@code ProcessOrderService.cancel}),
 * shipped in full or in part ({@link ShipOrder}), stock counted and adjusted ({@link StockUpdateService}).
 * Their ports are in memory ({@link Shop}): orders and history as DynamoOrders keeps them, the
 * inventory as {@link StockModel}, which refuses exactly what DynamoOrders' and DynamoInventory's
 * condition expressions refuse. The same invariants are checked on the real adapters against the
 * emulator by it/.../StockAdapterPropertiesIT; here thousands of sequences run in seconds.
 * After every step:
 * <ul>
 *   <li>each request is refused exactly when its precondition says (an action outside the status's
 *       {@code sellerActions()}, a count below what is reserved, an adjustment below what is available
 *       or of a SKU without stock) and a refused one changes no order and no stock;</li>
 *   <li>on hand, reserved and available never go negative, available is on hand minus reserved, and
 *       reserved is exactly the unshipped units of the UNSHIPPED and PARTIALLY_SHIPPED orders;</li>
 *   <li>on hand moves only as the step says: a count sets it, an adjustment adds to it, a shipment
 *       takes the boxed units;</li>
 *   <li>a new order is UNSHIPPED when its stock was available, ON_HOLD for a SKU without stock,
 *       BACKORDERED otherwise; each order has one history entry per version, each a transition
 *       {@link OrderStatus#canBecome} allows;</li>
 *   <li>no backorder waits while the stock covers it, unless an older backorder of one of its SKUs
 *       is short of that SKU (oldest first).</li>
 * </ul>
 */
class StockProperties {

    private static final List<String> SKUS = List.of("MUG-BLUE", "TEE-BLACK-L", "SCARF-GREEN");
    private static final Actor SELLER_KEY = Actor.sellerKey("key_1");

    // ---------------------------------------------------------------- the ports in memory

    /**
     * One seller's ports in memory, wired into the production services: orders with their history
     * (a change is written only at the version it was decided on, with its stock moves, all or
     * nothing), the inventory as {@link StockModel}, the seller, the emails queued, and the
     * OrderQueue, whose messages {@link #drain()} hands to the processor as its Lambda would.
     */
    static final class Shop {
        static final String SELLER = "seller";

        final StockModel stock = new StockModel();
        final Map<String, Order> orders = new LinkedHashMap<>();
        final Map<String, List<HistoryEntry>> history = new HashMap<>();
        final Map<String, Instant> confirmationQueued = new HashMap<>();
        final List<EmailMessage> emails = new ArrayList<>();
        final List<String> queuedOrders = new ArrayList<>();
        final List<String> arrivals = new ArrayList<>();
        final MovingClock clock;

        final Orders ordersPort = new OrdersPort();
        final Inventory inventory = new InventoryPort();
        final Accounts accounts = new AccountsPort();
        final OrderQueue queue = new QueuePort();
        final ProcessOrderService processor;
        final CancelOrder cancels;
        final ShipOrder shipments;
        final StockUpdateService stockUpdates;

        Shop(Instant now) {
            clock = new MovingClock(now);
            LowStockAlerts alerts = new LowStockAlerts(inventory, accounts, emails::add);
            processor = new ProcessOrderService(ordersPort, accounts, emails::add, alerts, queue, clock);
            cancels = new CancelOrder(ordersPort, accounts, emails::add, alerts, queue, clock);
            shipments = new ShipOrder(ordersPort, accounts, emails::add, clock);
            stockUpdates = new StockUpdateService(inventory, alerts, queue, clock);
        }

        /** What the OrderQueue's consumer does with what the step queued, until nothing is left. */
        void drain() {
            for (int rounds = 0; !queuedOrders.isEmpty() || !arrivals.isEmpty(); rounds++) {
                assertTrue(rounds < 1000, "the OrderQueue never empties");
                if (!queuedOrders.isEmpty()) {
                    processor.process(queuedOrders.remove(0));
                } else {
                    processor.stockArrived(SELLER, arrivals.remove(0));
                }
            }
        }

        /** A copy of the stock and the orders, to compare before and after a step. */
        String snapshot() {
            Map<String, String> items = new TreeMap<>();
            stock.items().forEach((sku, i) -> items.put(sku, i.toString()));
            Map<String, String> os = new TreeMap<>();
            orders.forEach((id, o) -> os.put(id, o.status() + " v" + o.version()));
            return items + " " + os;
        }

        private static StockItem item(String sku, StockModel.Item i) {
            return new StockItem(sku, i.onHand, i.reserved, i.available, 0, null, null, null, null);
        }

        private final class OrdersPort implements Orders {
            @Override
            public boolean create(Order order, HistoryEntry received) {
                if (orders.putIfAbsent(order.orderId(), order) != null) {
                    return false;
                }
                history.computeIfAbsent(order.orderId(), k -> new ArrayList<>()).add(received);
                return true;
            }

            @Override
            public Optional<Order> get(String orderId) {
                return Optional.ofNullable(orders.get(orderId))
                        .map(o -> o.withConfirmationQueuedAt(confirmationQueued.get(orderId)));
            }

            @Override
            public Applied apply(OrderChange change) {
                Order current = orders.get(change.after().orderId());
                if (current == null || current.version() != change.before().version()) {
                    return new Stale();
                }
                if (!stock.apply(change.stock())) {
                    // As DynamoOrders explains a canceled transaction: reservations stock cannot cover.
                    List<Shortfall> shortfalls = new ArrayList<>();
                    for (StockChange m : change.stock()) {
                        StockModel.Item i = stock.item(m.sku());
                        if (m.kind() == StockChange.Kind.RESERVE && (i == null || i.available < m.quantity())) {
                            shortfalls.add(new Shortfall(m.sku(), m.quantity(), i == null ? null : (int) i.available));
                        }
                    }
                    if (shortfalls.isEmpty()) {
                        fail(change.entry().action() + " of " + current.orderId() + " " + current.status()
                                + " asked for " + change.stock() + " which the stock " + stock.items()
                                + " refuses: more committed or released than the order holds");
                    }
                    return new Short(shortfalls);
                }
                orders.put(current.orderId(), change.after());
                history.computeIfAbsent(current.orderId(), k -> new ArrayList<>()).add(change.entry());
                return new Done();
            }

            @Override
            public Page list(String sellerId, OrderFilter filter, Map<String, String> after, int limit) {
                throw new UnsupportedOperationException("not used by the services under test");
            }

            @Override
            public Page listByStatus(String sellerId, OrderStatus status, Map<String, String> after, int limit,
                                     boolean oldestFirst) {
                Comparator<Order> byAge = Comparator.comparing(Order::createdAt).thenComparing(Order::orderId);
                List<Order> matching = orders.values().stream()
                        .filter(o -> o.sellerId().equals(sellerId) && o.status() == status)
                        .sorted(oldestFirst ? byAge : byAge.reversed()).toList();
                assertTrue(after == null && matching.size() <= limit, "one page is enough here");
                return new Page(matching, null);
            }

            @Override
            public List<HistoryEntry> history(String orderId, long afterVersion, int limit) {
                return history.getOrDefault(orderId, List.of()).stream().filter(e -> e.version() > afterVersion)
                        .limit(limit).toList();
            }

            @Override
            public void markConfirmationQueued(String orderId, Instant at) {
                confirmationQueued.put(orderId, at);
            }
        }

        private final class InventoryPort implements Inventory {
            @Override
            public Optional<StockItem> get(String sellerId, String sku) {
                StockModel.Item i = stock.item(sku);
                return i == null ? Optional.empty() : Optional.of(item(sku, i));
            }

            @Override
            public Map<String, StockItem> getAll(String sellerId, Collection<String> skus) {
                Map<String, StockItem> all = new HashMap<>();
                skus.forEach(sku -> get(sellerId, sku).ifPresent(i -> all.put(sku, i)));
                return all;
            }

            @Override
            public boolean put(String sellerId, String sku, InventoryRequests.Put put, long previousOnHand, String actor,
                               Instant at) {
                return stock.count(sku, put.onHand(), previousOnHand);
            }

            @Override
            public boolean adjust(String sellerId, String sku, long delta, String reason, String actor, Instant at) {
                return stock.adjust(sku, delta);
            }

            @Override
            public List<StockMovement> movements(String sellerId, String sku, int limit) {
                return List.of();
            }

            @Override
            public Page list(String sellerId, boolean lowStockOnly, String afterSku, int limit) {
                throw new UnsupportedOperationException("not used by the services under test");
            }

            @Override
            public List<Crossing> refreshLowStock(String sellerId, Collection<String> skus, Instant at) {
                return List.of(); // no thresholds set: no alerts
            }

            @Override
            public void markAlertQueued(String sellerId, String sku, long crossing) {
                fail("no alert was due");
            }
        }

        private static final class AccountsPort implements Accounts {
            private final Seller seller = new Seller(SELLER, "Shop", "owner@shop.example", "help@shop.example",
                    "help@shop.example", 2, ZoneId.of("UTC"));

            @Override
            public Optional<Storefront> storefront(String storefrontId) {
                return Optional.empty();
            }

            @Override
            public Optional<Seller> seller(String sellerId) {
                return SELLER.equals(sellerId) ? Optional.of(seller) : Optional.empty();
            }

            @Override
            public Optional<String> sellerIdForApiKeyHash(String keyHash) {
                return Optional.empty();
            }

            @Override
            public Optional<AmazonLink> amazonSeller(String amazonSellerId) {
                return Optional.empty();
            }
        }

        private final class QueuePort implements OrderQueue {
            @Override
            public void enqueue(String orderId) {
                queuedOrders.add(orderId);
            }

            @Override
            public void retryContended(String orderId, int contended, Duration delay) {
                fail("no race in a sequential test, yet " + orderId + " lost one");
            }

            @Override
            public void stockArrived(String sellerId, String sku) {
                assertEquals(SELLER, sellerId);
                arrivals.add(sku);
            }

            @Override
            public void cancel(String orderId, String reason, boolean buyerRequested, Actor actor) {
                fail("the services under test never queue a cancel");
            }

            @Override
            public void shippedOnPlatform(String orderId, orderflow.shared.domain.storefront.PlatformShipment shipment,
                                          Actor actor) {
                fail("the services under test never queue a platform shipment");
            }

            @Override
            public void refundedOnPlatform(String orderId, orderflow.shared.domain.storefront.PlatformRefund refund,
                                           Actor actor) {
                fail("the services under test never queue a platform refund");
            }
        }
    }

    /** A clock the test moves on. */
    static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A paid order of the seller's, as a generic webhook delivery makes it; not stored. */
    static Order paidOrder(String externalId, Instant createdAt, Map<String, Integer> lines, boolean paid) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        List<Map<String, Object>> ls = new ArrayList<>();
        lines.forEach((sku, q) -> ls.add(Map.of("sku", sku, "quantity", q, "unitPrice", "10.00")));
        json.put("externalOrderId", externalId);
        json.put("lines", ls);
        json.put("paymentStatus", paid ? "PAID" : "PENDING");
        json.put("createdAt", createdAt.toString());
        return GenericOrderPayload.parse(json).toOrder("sf", Shop.SELLER, createdAt);
    }

    // ---------------------------------------------------------------- the steps

    enum Kind { ARRIVE, CANCEL, STOREFRONT_CANCEL, SHIP, COUNT, ADJUST }

    /** One step; its numbers are read against the orders and stock as they are when it runs. */
    record Op(Kind kind, int sku, int quantity, int other, int pick) {
        @Override
        public String toString() {
            return switch (kind) {
                case ARRIVE -> "arrive(" + lines(this) + ")";
                case COUNT -> "count(" + SKUS.get(sku) + " = " + other + ")";
                case ADJUST -> "adjust(" + SKUS.get(sku) + " " + (quantity % 3 == 2 ? "-" + Math.max(1, other % 3)
                        : "+" + (other < 5 ? 1 : other - 3)) + ")";
                case SHIP -> "ship(#" + pick + (other % 3 == 0 ? ", all" : ", some") + ")";
                default -> kind.name().toLowerCase() + "(#" + pick + ")";
            };
        }
    }

    /**
     * An order's lines from the op's numbers: mostly one line, up to three; mostly 1 or 3 units, so
     * that big orders wait and small ones queue behind them.
     */
    private static Map<String, Integer> lines(Op op) {
        Map<String, Integer> lines = new TreeMap<>();
        int n = op.other() < 4 ? 1 : op.other() < 6 ? 2 : 3;
        int[] units = {1, 3, 1, 3, 2};
        for (int i = 0; i < n; i++) {
            lines.putIfAbsent(SKUS.get((op.sku() + i * (1 + op.pick() % 2)) % SKUS.size()),
                    units[(op.quantity() + i) % units.length]);
        }
        return lines;
    }

    /**
     * The order a step acts on: for a pick below 40 the pick-th backorder, oldest first (the head of a
     * queue, mostly), when there is one; else the pick-th of all orders.
     */
    private static String pick(Shop shop, List<String> ids, int pick) {
        List<String> waiting = ids.stream().filter(id -> shop.orders.get(id).status() == OrderStatus.BACKORDERED)
                .toList();
        List<String> from = pick < 40 && !waiting.isEmpty() ? waiting : ids;
        return from.isEmpty() ? null : from.get(pick % from.size());
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(6, Kind.ARRIVE), Tuple.of(3, Kind.CANCEL),
                Tuple.of(2, Kind.STOREFRONT_CANCEL), Tuple.of(2, Kind.SHIP), Tuple.of(1, Kind.COUNT), Tuple.of(4, Kind.ADJUST));
        Arbitrary<Integer> pick = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(0, 99)));
        Arbitrary<Op> op = Combinators.combine(kind, Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(2, 1), Tuple.of(1, 2)),
                Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 6), pick).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Integer>> initialStock() {
        return Arbitraries.frequency(Tuple.of(1, -1), Tuple.of(5, 0), Tuple.of(2, 2), Tuple.of(1, 6)).list()
                .ofSize(SKUS.size());
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void stock_moved_by_the_services_stays_consistent_and_every_refusal_is_the_right_one(
            @ForAll("initialStock") List<Integer> initial, @ForAll("operations") List<Op> ops) {
        Shop shop = new Shop(Instant.parse("2026-11-27T12:00:00Z"));
        for (int i = 0; i < SKUS.size(); i++) {
            if (initial.get(i) >= 0) {
                assertTrue(shop.stock.count(SKUS.get(i), initial.get(i), 0));
            }
        }
        List<String> ids = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        int refused = 0;
        int filledLater = 0;
        boolean blocked = false;
        int n = 0;
        for (Op op : ops) {
            shop.clock.now = shop.clock.now.plus(Duration.ofMinutes(10));
            String where = "step " + (++n) + " " + op + " of " + ops + ", initial stock " + initial;
            String before = shop.snapshot();
            Map<String, Long> onHandBefore = onHand(shop);
            Map<String, Integer> onHandMoves = new HashMap<>();
            Map<String, OrderStatus> statusBefore = new HashMap<>();
            shop.orders.forEach((id, o) -> statusBefore.put(id, o.status()));
            Outcome outcome = run(shop, op, ids, onHandMoves, where);
            shop.drain();
            if (outcome.refused() || outcome.changesNothing()) {
                refused += outcome.refused() ? 1 : 0;
                assertEquals(before, shop.snapshot(), where + ": a refused or repeated request changed something");
            }
            if (outcome.newOrder() != null) {
                checkNewOrder(shop, outcome.newOrder(), where);
            }
            for (String id : ids) {
                if (statusBefore.get(id) == OrderStatus.BACKORDERED && shop.orders.get(id).status() == OrderStatus.UNSHIPPED) {
                    filledLater++;
                }
            }
            checkStock(shop, onHandBefore, onHandMoves, where);
            checkHistory(shop, versions, where);
            blocked |= checkBackorders(shop, ids, where);
        }
        Statistics.label("a refused request").collect(refused > 0);
        Statistics.label("a backorder filled later").collect(filledLater > 0);
        Statistics.label("a backorder the stock covers kept behind an older one").collect(blocked);
        // The walks must reach both: a generator that never did would let those checks pass unseen.
        Statistics.label("a refused request").coverage(c -> c.check(true).percentage(p -> p >= 30));
        Statistics.label("a backorder filled later").coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("a backorder the stock covers kept behind an older one")
                .coverage(c -> c.check(true).percentage(p -> p >= 1));
    }

    /** What a step did: refused (its precondition said so), or a request that must change nothing; a new order. */
    private record Outcome(boolean refused, boolean changesNothing, String newOrder) {
        static final Outcome TAKEN = new Outcome(false, false, null);
        static final Outcome REFUSED = new Outcome(true, false, null);
        static final Outcome NOTHING = new Outcome(false, true, null);
    }

    private Outcome run(Shop shop, Op op, List<String> ids, Map<String, Integer> onHandMoves, String where) {
        String sku = SKUS.get(op.sku());
        StockModel.Item item = shop.stock.item(sku);
        String id = pick(shop, ids, op.pick());
        Order order = id == null ? null : shop.orders.get(id);
        switch (op.kind()) {
            case ARRIVE -> {
                Order o = paidOrder("S-" + (ids.size() + 1), shop.clock.now, lines(op), true);
                assertTrue(shop.ordersPort.createIfAbsent(o), where);
                shop.queue.enqueue(o.orderId()); // as ReceiveOrderService hands a paid order on
                ids.add(o.orderId());
                return new Outcome(false, false, o.orderId());
            }
            case CANCEL -> {
                if (order == null) {
                    return Outcome.NOTHING;
                }
                boolean allowed = order.status().sellerActions().contains(SellerAction.CANCEL);
                boolean repeat = order.status() == OrderStatus.CANCELED
                        && "OUT_OF_STOCK".equals(order.fulfillment().cancellation().reason());
                return refusedUnless(allowed || repeat, repeat, where, () ->
                        shop.cancels.cancel(Shop.SELLER, SELLER_KEY, id, Map.of("reason", "OUT_OF_STOCK")));
            }
            case STOREFRONT_CANCEL -> {
                if (order == null) {
                    return Outcome.NOTHING;
                }
                ProcessOrderService.Outcome o = shop.processor.cancel(id, "the buyer asked", true, Actor.storefront("sf"));
                OrderStatus s = order.status();
                assertEquals(s.canBecome(OrderStatus.CANCELED) ? ProcessOrderService.Outcome.CANCELED
                        : s == OrderStatus.CANCELED ? ProcessOrderService.Outcome.ALREADY_DONE
                        : ProcessOrderService.Outcome.TOO_LATE_TO_CANCEL, o, where);
                return o == ProcessOrderService.Outcome.CANCELED ? Outcome.TAKEN : Outcome.NOTHING;
            }
            case SHIP -> {
                if (order == null) {
                    return Outcome.NOTHING;
                }
                Map<String, Integer> left = order.unshippedBySku();
                Map<String, Integer> box = new TreeMap<>();
                if (op.other() % 3 != 0) {
                    int i = 0;
                    for (Map.Entry<String, Integer> e : new TreeMap<>(left).entrySet()) {
                        if (((op.quantity() >> i) & 1) == 1 || (box.isEmpty() && i == left.size() - 1)) {
                            box.put(e.getKey(), 1 + (op.quantity() + i) % e.getValue());
                        }
                        i++;
                    }
                }
                Map<String, Object> body = new HashMap<>(Map.of("carrier", "UPS", "trackingNumber",
                        "1Z" + shop.clock.now.getEpochSecond(), "shipDate", shop.clock.now.toString()));
                if (!box.isEmpty()) {
                    List<Map<String, Object>> lines = new ArrayList<>();
                    box.forEach((s, q) -> lines.add(Map.of("sku", s, "quantity", q)));
                    body.put("lines", lines);
                }
                boolean allowed = order.status().sellerActions().contains(SellerAction.SHIP);
                Outcome outcome = refusedUnless(allowed, false, where,
                        () -> shop.shipments.ship(Shop.SELLER, SELLER_KEY, id, body));
                if (!outcome.refused()) {
                    (box.isEmpty() ? left : box).forEach((s, q) -> onHandMoves.merge(s, -q, Integer::sum));
                }
                return outcome;
            }
            case COUNT -> {
                boolean below = item != null && item.reserved > op.other();
                Outcome outcome = refusedUnless(!below, false, where,
                        () -> shop.stockUpdates.put(Shop.SELLER, "seller", sku, Map.of("onHand", op.other())));
                if (!outcome.refused()) {
                    onHandMoves.put(sku, (int) (op.other() - (item == null ? 0 : item.onHand)));
                }
                return outcome;
            }
            case ADJUST -> { // mostly stock trickling in by ones
                int delta = op.quantity() % 3 == 2 ? -Math.max(1, op.other() % 3) : op.other() < 5 ? 1 : op.other() - 3;
                boolean allowed = item != null && item.available + delta >= 0;
                Outcome outcome = refusedUnless(allowed, false, where, () -> shop.stockUpdates.adjust(Shop.SELLER,
                        "seller", sku, Map.of("delta", delta, "reason", "counted")));
                if (!outcome.refused()) {
                    onHandMoves.put(sku, delta);
                }
                return outcome;
            }
        }
        throw new IllegalStateException(op.toString());
    }

    /** Runs the request; it must be refused (a Failure: 4xx) exactly when {@code allowed} is false. */
    private static Outcome refusedUnless(boolean allowed, boolean repeat, String where, Runnable request) {
        try {
            request.run();
        } catch (Failure f) {
            assertFalse(allowed, where + ": refused though its precondition holds: " + f.getMessage());
            return Outcome.REFUSED;
        }
        assertTrue(allowed, where + ": taken though its precondition does not hold");
        return repeat ? Outcome.NOTHING : Outcome.TAKEN;
    }

    private static Map<String, Long> onHand(Shop shop) {
        Map<String, Long> onHand = new HashMap<>();
        shop.stock.items().forEach((sku, i) -> onHand.put(sku, i.onHand));
        return onHand;
    }

    /** A new paid order goes straight to its first processing: confirmed, held or backordered by its stock. */
    private static void checkNewOrder(Shop shop, String id, String where) {
        Order o = shop.orders.get(id);
        assertEquals(2, o.version(), where + ": a new order is processed once: " + shop.history.get(id));
        HistoryEntry processed = shop.history.get(id).get(1);
        assertEquals(OrderStatus.READY, processed.from(), where);
        // What the stock was when it was processed: after the step, plus what it reserved.
        boolean unknown = false;
        boolean covered = true;
        for (Map.Entry<String, Integer> line : o.quantitiesBySku().entrySet()) {
            StockModel.Item i = shop.stock.item(line.getKey());
            unknown |= i == null;
            long availableThen = i == null ? 0 : i.available + (o.status() == OrderStatus.UNSHIPPED ? line.getValue() : 0);
            covered &= i != null && availableThen >= line.getValue();
        }
        OrderStatus expected = unknown ? OrderStatus.ON_HOLD : covered ? OrderStatus.UNSHIPPED : OrderStatus.BACKORDERED;
        assertEquals(expected, o.status(), where + ": new order " + o.quantitiesBySku() + " with stock "
                + shop.stock.items() + " (" + o.statusReason() + ")");
    }

    private static void checkStock(Shop shop, Map<String, Long> onHandBefore, Map<String, Integer> onHandMoves,
                                   String where) {
        Map<String, Integer> held = new TreeMap<>();
        for (Order o : shop.orders.values()) {
            if (o.status() == OrderStatus.UNSHIPPED || o.status() == OrderStatus.PARTIALLY_SHIPPED) {
                o.unshippedBySku().forEach((sku, q) -> held.merge(sku, q, Integer::sum));
            }
        }
        for (String sku : SKUS) {
            StockModel.Item i = shop.stock.item(sku);
            if (i == null) {
                assertNull(held.get(sku), where + ": orders hold " + sku + " which has no stock item");
                continue;
            }
            String s = where + ": " + sku + " " + i;
            assertTrue(i.onHand >= 0 && i.reserved >= 0 && i.available >= 0, s + " went negative");
            assertEquals(i.onHand - i.reserved, i.available, s + ": available is not on hand - reserved");
            assertEquals(held.getOrDefault(sku, 0).longValue(), i.reserved, s + ": reserved is not what the"
                    + " UNSHIPPED and PARTIALLY_SHIPPED orders have left to ship " + held);
            assertEquals(onHandBefore.getOrDefault(sku, 0L) + onHandMoves.getOrDefault(sku, 0), i.onHand,
                    s + ": on hand moved by something else than the step " + onHandMoves);
        }
    }

    /** One history entry per new version, from the status the last one left, as the state machine allows. */
    static void checkHistory(Shop shop, Map<String, Long> versions, String where) {
        for (Order o : shop.orders.values()) {
            long known = versions.getOrDefault(o.orderId(), 0L);
            List<HistoryEntry> entries = shop.history.getOrDefault(o.orderId(), List.of());
            assertEquals(o.version(), entries.size(), where + ": " + o.orderId() + " v" + o.version() + " " + entries);
            for (int v = (int) known; v < entries.size(); v++) {
                HistoryEntry e = entries.get(v);
                assertEquals(v + 1, e.version(), where + ": " + e);
                if (v == 0) {
                    assertNull(e.from(), where + ": " + e);
                } else {
                    assertEquals(entries.get(v - 1).to(), e.from(), where + ": " + e);
                    assertTrue(e.from() == e.to() || e.from().canBecome(e.to()), where + ": " + e.from() + " -> "
                            + e.to() + " is not a transition of the state machine (" + e.action() + ")");
                }
            }
            assertEquals(o.status(), entries.get(entries.size() - 1).to(), where + ": " + o.orderId());
            versions.put(o.orderId(), o.version());
        }
    }

    /**
     * Oldest first: a backorder the stock covers waits only behind an older one short of a SKU they
     * share. Returns whether one waits so.
     */
    private static boolean checkBackorders(Shop shop, List<String> ids, String where) {
        boolean kept = false;
        List<Order> waiting = ids.stream().map(shop.orders::get).filter(o -> o.status() == OrderStatus.BACKORDERED)
                .toList();
        for (Order o : waiting) {
            boolean covered = o.quantitiesBySku().entrySet().stream().allMatch(e -> shop.stock.item(e.getKey()) != null
                    && shop.stock.item(e.getKey()).available >= e.getValue());
            if (!covered) {
                continue;
            }
            boolean behindAnOlderOne = waiting.stream()
                    .filter(p -> ids.indexOf(p.orderId()) < ids.indexOf(o.orderId()))
                    .anyMatch(p -> p.quantitiesBySku().entrySet().stream().anyMatch(e -> o.quantitiesBySku()
                            .containsKey(e.getKey()) && shop.stock.item(e.getKey()).available < e.getValue()));
            assertTrue(behindAnOlderOne, where + ": backorder " + o.orderId() + " " + o.quantitiesBySku()
                    + " waits though the stock " + shop.stock.items() + " covers it and no older backorder of its"
                    + " SKUs is short");
            kept = true;
        }
        return kept;
    }
}
