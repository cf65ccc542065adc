package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.statistics.Statistics;
import orderflow.shared.domain.returns.GoodwillRequest;
import orderflow.shared.domain.returns.ReceiveRequests;
import orderflow.shared.domain.returns.RefundChange;
import orderflow.shared.domain.returns.Refunding;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.ReturnLine;
import orderflow.shared.domain.returns.ReturnPolicy;
import orderflow.shared.domain.returns.ReturnReason;
import orderflow.shared.domain.returns.ReturnRequest;
import orderflow.shared.domain.returns.ReturnRules;
import orderflow.shared.ports.Orders;
import orderflow.shared.service.ProcessOrderService;
import orderflow.shared.service.StockUpdateService;

/**
 * Random sequences of processor steps (payment, reservation, backorder, hold, reprocess), stock
 * arrivals and seller actions (acknowledge, cancel, ship, confirm delivery, return, goodwill
 * refund) on one order. The production code decides every change: {@link ProcessOrderService}
 * reserves (or backorders, or holds) when the order's OrderQueue message is delivered and retries
 * it when stock arrives, {@link StockUpdateService} takes the stock counts, {@link OrderLifecycle}
 * and {@link Refunding} decide the seller's actions; the changes are written through the in-memory
 * ports of {@link StockProperties.Shop} (the order at its version, its history entry, its stock moves
 * all or nothing, refused as DynamoDB's conditions would refuse them):
 * <ul>
 *   <li>every change leads to a status the previous one {@code canBecome} (or keeps it), with one
 *       history entry per version;</li>
 *   <li>a seller action outside {@code sellerActions()} throws IllegalTransition (or is a repeat
 *       that changes nothing), and one inside never does;</li>
 *   <li>a transition outside the table is refused ({@code withStatus});</li>
 *   <li>shipped units never exceed ordered units, refunded never exceeds the total, and each
 *       status agrees with the shipments and refunds it stands for;</li>
 *   <li>the stock the order holds reserved is exactly its unshipped units while it is UNSHIPPED or
 *       PARTIALLY_SHIPPED and nothing otherwise, every commit and release it asks for is covered,
 *       and no stock count goes negative.</li>
 * </ul>
 */
class OrderStateMachineProperties {

    private static final Instant PLACED = Instant.parse("2026-11-27T12:00:00Z");
    private static final List<String> SKUS = List.of("MUG-BLUE", "TEE-BLACK-L", "SCARF-GREEN");
    private static final List<String> CANCEL_REASONS = List.copyOf(new TreeSet<>(ActionRequests.CANCEL_REASONS));
    private static final Actor SELLER = Actor.sellerKey("key_1");
    private static final Set<OrderStatus> HOLDS_STOCK = EnumSet.of(OrderStatus.UNSHIPPED, OrderStatus.PARTIALLY_SHIPPED);

    enum Kind { PAY, RESERVE, REPROCESS, RAW_TRANSITION, STOCK_ARRIVES, ACKNOWLEDGE, CANCEL, SHIP, DELIVER, RETURN, GOODWILL }

    /** One step; a and b are read against the order as it is when the step runs. */
    record Step(Kind kind, int a, int b) {
        @Override
        public String toString() {
            return kind + "(" + a + "," + b + ")";
        }
    }

    /** The order's lines (SKU index, quantity, unit price in cents), whether it is paid, and the stock per SKU (-1: no item). */
    record Spec(boolean paid, List<int[]> lines, List<Integer> stock) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(paid ? "paid: " : "pending: ");
            lines.forEach(l -> b.append(SKUS.get(l[0])).append(" x").append(l[1]).append(" @").append(l[2]).append("; "));
            return b + "stock " + stock;
        }
    }

    @Provide
    Arbitrary<Spec> orders() {
        Arbitrary<int[]> line = Combinators.combine(Arbitraries.integers().between(0, SKUS.size() - 1),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 5_000))
                .as((sku, q, price) -> new int[] {sku, q, price});
        return Combinators.combine(Arbitraries.of(true, true, false), line.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.frequency(Tuple.of(1, -1), Tuple.of(2, 0), Tuple.of(9, 12)).list().ofSize(SKUS.size()))
                .as(Spec::new);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        // Weighted so that walks get past the first steps: cancels are rare, the way forward is common.
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(3, Kind.PAY), Tuple.of(6, Kind.RESERVE),
                Tuple.of(2, Kind.REPROCESS), Tuple.of(3, Kind.RAW_TRANSITION), Tuple.of(3, Kind.STOCK_ARRIVES),
                Tuple.of(3, Kind.ACKNOWLEDGE), Tuple.of(1, Kind.CANCEL), Tuple.of(7, Kind.SHIP), Tuple.of(6, Kind.DELIVER),
                Tuple.of(4, Kind.RETURN), Tuple.of(3, Kind.GOODWILL));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 1100),
                Arbitraries.integers().between(0, 1000)).as(Step::new).list().ofMinSize(10).ofMaxSize(50);
    }

    /** The order as stored, its stock and RMAs, as the steps leave them; the ports the services write through. */
    private static final class World {
        final Spec spec;
        final StockProperties.Shop shop = new StockProperties.Shop(PLACED);
        Order order;
        final List<ReturnAuthorization> rmas = new ArrayList<>();
        final List<String> trackings = new ArrayList<>();
        final Map<String, Long> versions = new HashMap<>();
        Instant now = PLACED.plusSeconds(60);
        int changes;
        int refusals;

        World(Spec spec) {
            this.spec = spec;
        }

        /**
         * Writes a change decided here by the production decision (OrderLifecycle, Refunding) as
         * DynamoOrders does: at the version it was decided on, with its stock moves, all or nothing.
         */
        boolean write(OrderChange change) {
            if (!(shop.ordersPort.apply(change) instanceof Orders.Done)) {
                return false;
            }
            order = change.after();
            changes++;
            return true;
        }
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void random_steps_never_reach_an_illegal_state(@ForAll("orders") Spec spec, @ForAll("steps") List<Step> steps) {
        World w = new World(spec);
        visited.clear();
        for (int i = 0; i < SKUS.size(); i++) {
            if (spec.stock().get(i) >= 0) {
                assertTrue(w.shop.stock.count(SKUS.get(i), spec.stock().get(i), 0));
            }
        }
        Order placed = place(spec, spec.paid());
        assertTrue(w.shop.ordersPort.createIfAbsent(placed));
        w.order = placed;
        int n = 0;
        for (Step step : steps) {
            w.now = w.now.plus(Duration.ofHours(1));
            w.shop.clock.now = w.now;
            String where = "step " + (++n) + " " + step + " on " + w.order.status() + " (" + spec + ", " + steps + ")";
            run(w, step, where);
            w.shop.drain();
            w.order = w.shop.ordersPort.get(placed.orderId()).orElseThrow();
            checkInvariants(w, where);
            visited.add(w.order.status());
        }
        // Printed with the jqwik report: how far the random walks got.
        Statistics.label("furthest status").collect(furthest(visited));
    }

    private final Set<OrderStatus> visited = EnumSet.noneOf(OrderStatus.class);

    private static OrderStatus furthest(Set<OrderStatus> visited) {
        OrderStatus[] order = {OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.DELIVERED,
                OrderStatus.SHIPPED, OrderStatus.PARTIALLY_SHIPPED, OrderStatus.CANCELED, OrderStatus.UNSHIPPED,
                OrderStatus.BACKORDERED, OrderStatus.ON_HOLD, OrderStatus.READY, OrderStatus.PENDING};
        for (OrderStatus s : order) {
            if (visited.contains(s)) {
                return s;
            }
        }
        return OrderStatus.PENDING;
    }

    private static Order place(Spec spec, boolean paid) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int[] l : spec.lines()) {
            lines.add(Map.of("sku", SKUS.get(l[0]), "quantity", l[1], "unitPrice", new Money(l[2], "USD").toDecimalString()));
        }
        json.put("lines", lines);
        json.put("paymentStatus", paid ? "PAID" : "PENDING");
        json.put("createdAt", PLACED.toString());
        return GenericOrderPayload.parse(json).toOrder("sf", "seller", PLACED);
    }

    private static void run(World w, Step step, String where) {
        Order order = w.order;
        OrderStatus status = order.status();
        switch (step.kind()) {
            case PAY -> { // the storefront's paid delivery of a PENDING order: its content refreshed (ReceiveOrderService)
                if (status == OrderStatus.PENDING) {
                    Order paid = place(w.spec, true);
                    assertTrue(w.write(OrderChange.of(order, order.refreshedFrom(paid), w.now,
                            Actor.storefront("sf"), "payment", "updated by the storefront, paid", List.of())), where);
                }
            }
            case RESERVE -> { // the order's OrderQueue message delivered: ProcessOrderService.process
                boolean unknown = order.quantitiesBySku().keySet().stream().anyMatch(s -> w.shop.stock.item(s) == null);
                boolean covered = order.quantitiesBySku().entrySet().stream().allMatch(e ->
                        w.shop.stock.item(e.getKey()) != null && w.shop.stock.item(e.getKey()).available >= e.getValue());
                w.shop.queue.enqueue(order.orderId());
                w.shop.drain();
                OrderStatus after = w.shop.orders.get(order.orderId()).status();
                OrderStatus expected = status != OrderStatus.READY && status != OrderStatus.BACKORDERED ? status
                        : unknown ? OrderStatus.ON_HOLD : covered ? OrderStatus.UNSHIPPED : OrderStatus.BACKORDERED;
                assertEquals(expected, after, where + ": processed with stock " + w.shop.stock.items());
            }
            case REPROCESS -> { // scripts/admin reprocess of an ON_HOLD order once the seller fixed it
                if (status == OrderStatus.ON_HOLD) {
                    assertTrue(w.write(OrderChange.of(order, order.withStatus(OrderStatus.READY, null), w.now,
                            Actor.operator("admin"), "reprocess", "retried", List.of())), where);
                }
            }
            case RAW_TRANSITION -> { // any status change asked of the order directly is checked against the table
                OrderStatus target = OrderStatus.values()[step.a() % OrderStatus.values().length];
                try {
                    order.withStatus(target, "raw");
                    assertTrue(status.canBecome(target), where + ": " + status + " -> " + target + " was allowed");
                } catch (IllegalStateException refused) {
                    assertFalse(status.canBecome(target), where + ": " + status + " -> " + target + " was refused");
                }
            }
            case STOCK_ARRIVES -> { // a count (StockUpdateService): on hand up by a, creating the item when the SKU has none
                String sku = SKUS.get(step.b() % SKUS.size());
                StockModel.Item item = w.shop.stock.item(sku);
                long onHand = item == null ? 0 : item.onHand;
                w.shop.stockUpdates.put(StockProperties.Shop.SELLER, "seller", sku, Map.of("onHand", onHand + step.a() % 6));
                assertEquals(onHand + step.a() % 6, w.shop.stock.item(sku).onHand, where);
            }
            case ACKNOWLEDGE -> seller(w, SellerAction.ACKNOWLEDGE, where,
                    () -> OrderLifecycle.acknowledge(order, SELLER, w.now), false);
            case CANCEL -> {
                ActionRequests.Cancel request = new ActionRequests.Cancel(
                        CANCEL_REASONS.get(step.a() % CANCEL_REASONS.size()), step.b() % 2 == 0 ? null : "a note");
                seller(w, SellerAction.CANCEL, where, () -> OrderLifecycle.cancel(order, request, SELLER, w.now), false);
            }
            case SHIP -> ship(w, step, where);
            case DELIVER -> {
                List<Shipment> shipments = order.fulfillment().shipments();
                boolean unknown = step.b() % 7 == 0;
                String shipmentId = step.a() % 2 == 0 ? null : unknown ? "shp_99"
                        : "shp_" + (1 + step.b() % Math.max(1, shipments.size()));
                boolean exists = shipmentId == null || shipments.stream().anyMatch(s -> s.shipmentId().equals(shipmentId));
                seller(w, SellerAction.CONFIRM_DELIVERY, where, () -> OrderLifecycle.confirmDelivery(order,
                        new ActionRequests.Delivery(w.now, shipmentId), SELLER, w.now), !exists);
            }
            case RETURN -> giveBack(w, step, where);
            case GOODWILL -> {
                long refundable = order.refundable().minor();
                long amount = Math.max(1, refundable * step.a() / 1000);
                GoodwillRequest request = new GoodwillRequest(new Money(amount, order.currency()), "sorry", "req-" + w.changes);
                boolean allowed = status.sellerActions().contains(SellerAction.REFUND);
                try {
                    RefundChange change = Refunding.goodwill(order, request, SELLER, w.now);
                    assertTrue(allowed && amount <= refundable, where + ": refunded " + amount + " of " + refundable);
                    assertTrue(w.write(change.order()), where);
                } catch (Failure.IllegalTransition t) {
                    assertFalse(allowed, where + ": " + t.getMessage());
                    w.refusals++;
                } catch (Failure.Refused r) {
                    assertTrue(allowed && amount > refundable, where + ": " + r.getMessage());
                    w.refusals++;
                }
            }
        }
    }

    /**
     * A seller action: allowed by the status, it must change the order or be a repeat (null); not
     * allowed, it must throw IllegalTransition or be a repeat. {@code badInput}: the request itself
     * is wrong (an unknown shipment), so a 400 is the right answer too.
     */
    private static void seller(World w, SellerAction action, String where,
                               java.util.function.Supplier<OrderChange> decide, boolean badInput) {
        boolean allowed = w.order.status().sellerActions().contains(action);
        OrderChange change;
        try {
            change = decide.get();
        } catch (Failure.IllegalTransition t) {
            assertFalse(allowed, where + ": " + action + " is allowed but was refused: " + t.getMessage());
            assertEquals(w.order.status(), t.status(), where);
            assertEquals(w.order.status().sellerActions(), t.allowed(), where);
            w.refusals++;
            return;
        } catch (Failure.InvalidInput e) {
            assertTrue(badInput, where + ": " + e.getMessage() + " " + e.errors());
            w.refusals++;
            return;
        }
        if (change == null) {
            return; // a repeat: nothing to write
        }
        assertTrue(allowed, where + ": " + action + " is not in " + w.order.status().sellerActions() + " yet changed the order");
        assertFalse(badInput, where + ": a bad request changed the order");
        assertTrue(w.write(change), where + ": the stock refused " + change.stock());
    }

    private static void ship(World w, Step step, String where) {
        Order order = w.order;
        Map<String, Integer> left = order.unshippedBySku();
        Map<String, Integer> box = new LinkedHashMap<>();
        if (step.b() % 3 != 0) { // some of what is left; else everything left
            int i = 0;
            for (Map.Entry<String, Integer> e : left.entrySet()) {
                if (((step.a() >> i) & 1) == 1 || (box.isEmpty() && i == left.size() - 1)) {
                    box.put(e.getKey(), 1 + (step.a() + i) % e.getValue());
                }
                i++;
            }
        }
        boolean reuse = step.b() % 5 == 0 && !w.trackings.isEmpty();
        String tracking = reuse ? w.trackings.get(step.a() % w.trackings.size()) : "TRK" + (w.trackings.size() + 1);
        Shipment same = OrderLifecycle.shipmentWithTracking(order, tracking);
        boolean otherLines = same != null && !box.isEmpty() && !box.equals(same.quantities());
        ActionRequests.Ship request = new ActionRequests.Ship("UPS", tracking, w.now, box);
        int before = order.fulfillment().shipments().size();
        seller(w, SellerAction.SHIP, where, () -> OrderLifecycle.ship(order, request, SELLER, w.now), otherLines);
        if (w.order.fulfillment().shipments().size() > before) {
            w.trackings.add(tracking);
        }
    }

    /** A return of delivered units not on another RMA (authorize, then receive), some sellable, some damaged. */
    private static void giveBack(World w, Step step, String where) {
        Order order = w.order;
        Map<String, Integer> free = new LinkedHashMap<>();
        for (Shipment s : order.fulfillment().shipments()) {
            if (s.deliveredAt() != null) {
                s.quantities().forEach((sku, q) -> free.merge(sku, q, Integer::sum));
            }
        }
        w.rmas.forEach(r -> r.unitsHeld().forEach((sku, q) -> free.merge(sku, -q, Integer::sum)));
        free.values().removeIf(q -> q <= 0);
        if (free.isEmpty()) {
            return;
        }
        List<ReturnLine> lines = new ArrayList<>();
        List<Map<String, Object>> receipt = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Integer> e : free.entrySet()) {
            int q = 1 + (step.a() + i) % e.getValue();
            lines.add(new ReturnLine(e.getKey(), q, ReturnReason.values()[(step.b() + i) % ReturnReason.values().length]));
            receipt.add(Map.of("sku", e.getKey(), "quantity", q, "condition", (step.b() + i) % 3 == 0 ? "DAMAGED" : "SELLABLE"));
            i++;
        }
        ReturnPolicy policy = new ReturnPolicy(30, step.a() % 101, step.b() % 2 == 0
                ? orderflow.shared.domain.returns.ReturnShippingPayer.BUYER
                : orderflow.shared.domain.returns.ReturnShippingPayer.SELLER, step.b(), Set.of());
        boolean allowed = order.status().sellerActions().contains(SellerAction.RETURN);
        ReturnAuthorization rma;
        try {
            rma = ReturnRules.authorize(order, w.rmas, policy, new ReturnRequest(lines), w.now);
        } catch (Failure.Refused r) {
            // Returns open only once every package is delivered: the same statuses that may receive one.
            assertFalse(allowed, where + ": " + r.getMessage());
            w.refusals++;
            return;
        }
        List<ReturnAuthorization> all = new ArrayList<>(w.rmas);
        all.add(rma);
        RefundChange change;
        try {
            change = Refunding.receive(order, rma, all, ReceiveRequests.parse(Map.of("lines", receipt)), policy,
                    SELLER, w.now);
        } catch (Failure.IllegalTransition t) {
            assertFalse(allowed, where + ": " + t.getMessage());
            w.refusals++;
            return; // the parcel waits: its RMA is canceled here
        }
        assertTrue(allowed, where + ": received a return of a " + order.status() + " order");
        assertNotNull(change.received());
        assertTrue(change.refund() == null || change.refund().amount().minor() > 0, where);
        assertTrue(w.write(change.order()), where + ": the stock refused the return's moves");
        w.rmas.add(change.received());
    }

    private static void checkInvariants(World w, String where) {
        Order o = w.order;
        OrderStatus s = o.status();
        Map<String, Integer> ordered = o.quantitiesBySku();
        o.fulfillment().shippedBySku().forEach((sku, q) ->
                assertTrue(q <= ordered.getOrDefault(sku, 0), where + ": shipped " + q + " " + sku + " of "
                        + ordered.getOrDefault(sku, 0)));
        long total = o.totals().total().minor();
        long refunded = o.refunded().minor();
        assertTrue(refunded >= 0 && refunded <= total, where + ": refunded " + refunded + " of " + total);
        boolean shipped = !o.fulfillment().shipments().isEmpty();
        boolean allShipped = o.unshippedBySku().isEmpty();
        switch (s) {
            case PENDING, READY, BACKORDERED, ON_HOLD, UNSHIPPED, CANCELED ->
                    assertFalse(shipped, where + ": " + s + " with shipments");
            case PARTIALLY_SHIPPED -> assertTrue(shipped && !allShipped, where + ": " + s + " " + o.unshippedBySku());
            case SHIPPED -> assertTrue(allShipped, where + ": " + s + " with units left " + o.unshippedBySku());
            case DELIVERED, PARTIALLY_REFUNDED, REFUNDED -> assertTrue(allShipped && o.fulfillment().allDelivered(),
                    where + ": " + s + " before every unit was delivered");
        }
        switch (s) {
            case REFUNDED -> assertEquals(total, refunded, where);
            case PARTIALLY_REFUNDED -> assertTrue(refunded > 0 && refunded < total, where + ": refunded " + refunded);
            default -> assertEquals(0, refunded, where + ": " + s + " with money refunded");
        }
        // The only order of the seller: the stock reserved is what it holds.
        Map<String, Integer> shouldHold = HOLDS_STOCK.contains(s) ? o.unshippedBySku() : Map.of();
        Map<String, Integer> reserved = new TreeMap<>();
        for (Map.Entry<String, StockModel.Item> e : w.shop.stock.items().entrySet()) {
            StockModel.Item i = e.getValue();
            if (i.onHand < 0 || i.reserved < 0 || i.available < 0 || i.available != i.onHand - i.reserved) {
                fail(where + ": stock of " + e.getKey() + " " + i);
            }
            if (i.reserved != 0) {
                reserved.put(e.getKey(), (int) i.reserved);
            }
        }
        assertEquals(new TreeMap<>(shouldHold), reserved, where + ": the stock the order holds reserved");
        StockProperties.checkHistory(w.shop, w.versions, where);
    }
}
