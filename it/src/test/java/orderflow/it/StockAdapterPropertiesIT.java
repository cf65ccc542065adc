package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import orderflow.functions.actions.CancelOrderHandler;
import orderflow.functions.actions.ConfirmDeliveryHandler;
import orderflow.functions.actions.ShipOrderHandler;
import orderflow.functions.inventory.UpdateStockHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.functions.returns.CreateReturnHandler;
import orderflow.functions.returns.ReceiveReturnHandler;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.shared.aws.Adapters;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.SellerAction;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Random sequences of what a seller's day is made of, driven through the real handlers on the
 * emulator, with invariants checked against what DynamoDB holds after every step: orders of 1 to 3
 * lines arriving by signed webhook and processed by {@link ProcessOrderHandler} (ProcessOrderService
 * over DynamoOrders), seller cancels, storefront cancels (the OrderQueue's cancel message), full and
 * partial shipments, deliveries, returns received sellable or damaged, stock counts and adjustments
 * ({@link UpdateStockHandler}). The OrderQueue messages the steps produce (new orders, stock
 * arrivals, cancels) go to a queue of this test's own on the emulator and are pumped through the
 * processor after each step, so each step is checked once everything it set off is done.
 *
 * <p>After every step, per SKU of the try's seller (a fresh seller per try, so tries never share
 * stock or orders):
 * <ul>
 *   <li>the inventory item has onHand, reserved and available, none negative, onHand = reserved + available;</li>
 *   <li>reserved is exactly the unshipped units of the seller's UNSHIPPED and PARTIALLY_SHIPPED orders;</li>
 *   <li>onHand moved only by what the step did: a count sets it, an adjustment adds its delta, a
 *       shipment takes the boxed units, a sellable return puts one back; nothing else moves it;</li>
 * </ul>
 * per order:
 * <ul>
 *   <li>every version has one history entry (entries = version), each entry goes from the status the
 *       previous one left to a status {@link OrderStatus#canBecome} allows (or keeps it), and the
 *       last one names the status stored;</li>
 *   <li>a new paid order is UNSHIPPED when every SKU had the units available, ON_HOLD when a SKU has
 *       no stock item, BACKORDERED otherwise;</li>
 *   <li>each seller action is answered as {@link OrderStatus#sellerActions()} says (2xx when allowed,
 *       409 or 422 when not), and a refused request (an action not allowed, a count below what is
 *       reserved, an adjustment below what is available) changes no order and no stock;</li>
 * </ul>
 * and for the backorders (ProcessOrderService.stockArrived: "retried oldest first, and the first one
 * it still cannot cover keeps its place"):
 * <ul>
 *   <li>no BACKORDERED order is left waiting while the stock on hand covers all of it, unless an older
 *       backorder wanting one of its SKUs is short of that SKU (it keeps its place);</li>
 *   <li>no order is confirmed in a step while an older backorder of one of its SKUs, not so blocked,
 *       could have been filled with the units the younger orders confirmed in that step took.</li>
 * </ul>
 * Younger orders confirmed with units of a SKU an older backorder is still short of are counted
 * and printed (not failed): see the figures line.
 *
 * <p>Two properties share the steps: a seller's whole day (stock mostly enough, walks that reach
 * shipments, deliveries and returns; 25 tries) and a day of scarce stock (orders queue as backorders,
 * stock trickles in, waiting orders are canceled; 30 tries). A fresh seller per try; the OrderQueue,
 * EmailQueue and RefundQueue the handlers use are queues of this class's own, deleted at the end.
 * Measured on 2 cores shared with other builds: 40 to 50 s on moto, about 22 s on ministack; the
 * figures line prints each run's.
 */
class StockAdapterPropertiesIT {

    private static final List<String> SKUS = List.of("MUG-BLUE", "TEE-BLACK-L", "SCARF-GREEN");
    private static final Set<OrderStatus> HOLDS_STOCK = EnumSet.of(OrderStatus.UNSHIPPED, OrderStatus.PARTIALLY_SHIPPED);
    private static final Set<OrderStatus> AFTER_DELIVERY = EnumSet.of(OrderStatus.DELIVERED,
            OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED);
    private static final String SELLER_CANCEL_REASON = "OUT_OF_STOCK";

    private static TestCloud cloud;
    private static final Map<String, String> QUEUES = new LinkedHashMap<>();
    private static ReceiveWebhookHandler webhook;
    private static ProcessOrderHandler processor;
    private static CancelOrderHandler cancels;
    private static ShipOrderHandler shipments;
    private static ConfirmDeliveryHandler deliveries;
    private static UpdateStockHandler stockUpdates;
    private static CreateReturnHandler returns;
    private static ReceiveReturnHandler receipts;
    private static final Map<String, APIGatewayV2HTTPEvent> FIXTURES = new HashMap<>();

    // Figures over the whole run, printed at the end.
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final AtomicInteger STEPS = new AtomicInteger();
    private static final AtomicInteger CHECKS = new AtomicInteger();
    /** Steps that left a backorder the stock covers behind an older one short of a shared SKU. */
    private static final AtomicInteger BLOCKED = new AtomicInteger();
    private static final AtomicInteger QUEUED = new AtomicInteger();
    private static final Map<String, Integer> ANSWERS = new TreeMap<>();
    private static final Map<String, Integer> JUMPS = new TreeMap<>();
    private static final List<String> JUMP_EXAMPLES = new ArrayList<>();
    private static long startedNanos;

    // ---------------------------------------------------------------- the steps

    sealed interface Op permits Arrive, Cancel, StorefrontCancel, Ship, Deliver, Return, Count, Adjust {
    }

    /** A paid order of the given SKUs (index into SKUS) and quantities. */
    record Arrive(Map<Integer, Integer> lines) implements Op {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("arrive(");
            lines.forEach((sku, q) -> b.append(SKUS.get(sku)).append(" x").append(q).append(' '));
            return b.toString().strip() + ")";
        }
    }

    /**
     * Which order a step acts on: the index-th (modulo) of the orders placed so far ({@code ANY}), of
     * those whose status allows the action ({@code FITTING}, {@link OrderStatus#sellerActions()}) or
     * of the backorders ({@code WAITING}), when there are such orders, else of all: walks get far,
     * queues move, and refusals are still tried.
     */
    record Pick(int index, Among among) {
        enum Among { ANY, FITTING, WAITING }

        @Override
        public String toString() {
            return among.name().toLowerCase() + "#" + index;
        }
    }

    /** POST /v1/orders/{id}/cancel. */
    record Cancel(Pick pick) implements Op {
    }

    /** The storefront canceled it: the OrderQueue's {cancel} message. */
    record StorefrontCancel(Pick pick) implements Op {
    }

    /** POST /v1/orders/{id}/shipments: mask 0 ships everything left, else some lines and units. */
    record Ship(Pick pick, int mask) implements Op {
    }

    /** POST /v1/orders/{id}/delivery of every shipment. */
    record Deliver(Pick pick) implements Op {
    }

    /** POST /v1/orders/{id}/returns of one unit of one SKU, then POST /v1/returns/{rmaId}/receive. */
    record Return(Pick pick, int sku, boolean sellable) implements Op {
    }

    /** PUT /v1/inventory/{sku} {onHand}. */
    record Count(int sku, int onHand) implements Op {
        @Override
        public String toString() {
            return "count(" + SKUS.get(sku) + " = " + onHand + ")";
        }
    }

    /** POST /v1/inventory/{sku}/adjustments {delta}. */
    record Adjust(int sku, int delta) implements Op {
        @Override
        public String toString() {
            return "adjust(" + SKUS.get(sku) + " " + (delta > 0 ? "+" : "") + delta + ")";
        }
    }

    @Provide
    Arbitrary<List<Integer>> initialStock() {
        // -1: the SKU has no stock item (an order of it goes ON_HOLD); else its first count, mostly enough
        // for a few orders, so that they ship, arrive and come back (the backorder property has little).
        return Arbitraries.frequency(Tuple.of(1, -1), Tuple.of(1, 0), Tuple.of(3, 4), Tuple.of(4, 8))
                .list().ofSize(SKUS.size());
    }

    /** Little or no stock: most orders wait, several for the same SKU. */
    @Provide
    Arbitrary<List<Integer>> scarceStock() {
        return Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 1), Tuple.of(1, 2)).list().ofSize(SKUS.size());
    }

    /**
     * Orders of one or two lines of two SKUs, stock trickling in by ones and twos, cancels by the
     * seller and the storefront, a shipment now and then: queues of backorders that move.
     */
    @Provide
    Arbitrary<List<Op>> backorderDays() {
        Arbitrary<Integer> sku = Arbitraries.integers().between(0, 1);
        // Often the oldest order the action fits or the oldest backorder: the head of a queue.
        Arbitrary<Pick> pick = Combinators.combine(Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(0, 99))), Arbitraries.frequency(Tuple.of(2, Pick.Among.FITTING),
                Tuple.of(4, Pick.Among.WAITING), Tuple.of(1, Pick.Among.ANY))).as(Pick::new);
        Arbitrary<Op> arrive = Arbitraries.frequency(Tuple.of(3, 1), Tuple.of(1, 2))
                .flatMap(lines -> Arbitraries.maps(sku, Arbitraries.frequency(Tuple.of(3, 1), Tuple.of(1, 2),
                        Tuple.of(3, 3))).ofSize(lines))
                .map(m -> (Op) new Arrive(new TreeMap<>(m)));
        Arbitrary<Op> more = Combinators.combine(sku, Arbitraries.frequency(Tuple.of(4, 1), Tuple.of(1, 2),
                Tuple.of(1, -1))).as(Adjust::new);
        Arbitrary<Op> count = Combinators.combine(sku, Arbitraries.integers().between(0, 4)).as(Count::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(Tuple.of(5, arrive), Tuple.of(4, more), Tuple.of(1, count),
                Tuple.of(2, pick.map(Cancel::new)), Tuple.of(1, pick.map(StorefrontCancel::new)),
                Tuple.of(1, pick.map(p -> new Ship(p, 0))));
        return op.list().ofMinSize(6).ofMaxSize(14);
    }

    @Provide
    Arbitrary<List<Op>> days() {
        Arbitrary<Integer> sku = Arbitraries.integers().between(0, SKUS.size() - 1);
        Arbitrary<Pick> pick = Combinators.combine(Arbitraries.integers().between(0, 99),
                Arbitraries.frequency(Tuple.of(6, Pick.Among.FITTING), Tuple.of(1, Pick.Among.WAITING),
                        Tuple.of(2, Pick.Among.ANY))).as(Pick::new);
        // Mostly one line, mostly of the first SKUs: orders share SKUs and wait behind each other.
        Arbitrary<Integer> lineSku = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(2, 1), Tuple.of(1, 2));
        Arbitrary<Op> arrive = Arbitraries.frequency(Tuple.of(6, 1), Tuple.of(3, 2), Tuple.of(1, 3))
                .flatMap(lines -> Arbitraries.maps(lineSku, Arbitraries.integers().between(1, 3)).ofSize(lines))
                .map(m -> (Op) new Arrive(new TreeMap<>(m)));
        Arbitrary<Op> cancel = pick.map(Cancel::new);
        Arbitrary<Op> storefrontCancel = pick.map(StorefrontCancel::new);
        Arbitrary<Op> ship = Combinators.combine(pick, Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 63)))).as(Ship::new);
        Arbitrary<Op> deliver = pick.map(Deliver::new);
        Arbitrary<Op> giveBack = Combinators.combine(pick, sku, Arbitraries.of(true, true, false)).as(Return::new);
        Arbitrary<Op> count = Combinators.combine(sku, Arbitraries.integers().between(0, 8)).as(Count::new);
        Arbitrary<Op> adjust = Combinators.combine(sku, Arbitraries.integers().between(-2, 3).filter(d -> d != 0))
                .as(Adjust::new);
        // Weighted towards the way forward (ship, deliver, return), so that walks reach returns.
        Arbitrary<Op> op = Arbitraries.frequencyOf(Tuple.of(4, arrive), Tuple.of(1, cancel), Tuple.of(1, storefrontCancel),
                Tuple.of(5, ship), Tuple.of(4, deliver), Tuple.of(4, giveBack), Tuple.of(2, count), Tuple.of(2, adjust));
        return op.list().ofMinSize(6).ofMaxSize(18);
    }

    // ---------------------------------------------------------------- wiring

    @BeforeContainer
    static void wire() {
        startedNanos = System.nanoTime();
        cloud = TestCloud.get();
        // Queues of this test's own, so other tests' messages never reach these handlers and ours never theirs.
        String run = Long.toString(System.nanoTime(), 36);
        for (String variable : List.of("ORDER_QUEUE_URL", "EMAIL_QUEUE_URL", "REFUND_QUEUE_URL")) {
            String name = "props-" + variable.toLowerCase().replace("_queue_url", "") + "-" + run;
            QUEUES.put(variable, cloud.sqs.createQueue(b -> b.queueName(name)).queueUrl());
        }
        webhook = new ReceiveWebhookHandler(adapters("ReceiveWebhookFunction"));
        processor = new ProcessOrderHandler(adapters("ProcessOrderFunction"));
        cancels = new CancelOrderHandler(adapters("CancelOrderFunction"));
        shipments = new ShipOrderHandler(adapters("ShipOrderFunction"));
        deliveries = new ConfirmDeliveryHandler(adapters("ConfirmDeliveryFunction"));
        stockUpdates = new UpdateStockHandler(adapters("UpdateStockFunction"));
        returns = new CreateReturnHandler(adapters("CreateReturnFunction"));
        receipts = new ReceiveReturnHandler(adapters("ReceiveReturnFunction"));
        for (String fixture : List.of("receive-webhook", "cancel-order", "ship-order", "confirm-delivery",
                "create-return", "receive-return", "set-stock", "adjust-stock")) {
            FIXTURES.put(fixture, EventLoader.loadApiGatewayHttpEvent("events/" + fixture + ".json"));
        }
    }

    /** The function's adapters on the emulator, its queues replaced by this test's own. */
    private static Adapters adapters(String function) {
        Map<String, String> env = cloud.cloud.functionEnvironment(function);
        Map<String, String> overrides = new HashMap<>();
        QUEUES.forEach((variable, url) -> {
            if (env.containsKey(variable)) {
                overrides.put(variable, url);
            }
        });
        return cloud.adapters(function, overrides, cloud.dynamo, cloud.sqs, Clock.systemUTC());
    }

    @AfterContainer
    static void figures() {
        if (cloud == null) {
            return;
        }
        QUEUES.values().forEach(url -> cloud.sqs.deleteQueue(b -> b.queueUrl(url)));
        long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        System.out.println("[stock-properties] " + TRIES.get() + " tries, " + STEPS.get() + " steps, " + CHECKS.get()
                + " invariant checks (" + QUEUED.get() + " with 2+ backorders of a SKU, " + BLOCKED.get()
                + " with a backorder the stock covers kept behind an older one) in " + seconds + " s on "
                + System.getProperty("cloud", "moto") + "; answers " + ANSWERS);
        System.out.println("[stock-properties] younger orders confirmed with units of a SKU an older backorder is"
                + " still short of (by the path that confirmed them): " + JUMPS
                + (JUMP_EXAMPLES.isEmpty() ? "" : "; e.g. " + JUMP_EXAMPLES.get(0)));
    }

    // ---------------------------------------------------------------- one try

    /** What the test knows of its own try: the orders it placed (oldest first), the RMAs it opened. */
    private static final class Day {
        final String seller = cloud.newSeller("props");
        final String storefront = seller + "-sf";
        final Instant placedFrom = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        final List<String> orderIds = new ArrayList<>();
        final Map<String, Map<String, Integer>> onRmas = new HashMap<>();
        final List<String> done = new ArrayList<>();
        int trackings;
        /** This step must change nothing: a refused request, a repeat, nothing to act on. */
        boolean changesNothing;
        /** This step must leave this order CANCELED (a storefront cancel before shipment). */
        String mustBeCanceled;

        String pick(Pick pick, State state, SellerAction action) {
            List<String> among = orderIds.stream().filter(id -> switch (pick.among()) {
                case ANY -> true;
                case FITTING -> state.orders().get(id).status().sellerActions().contains(action);
                case WAITING -> state.orders().get(id).status() == OrderStatus.BACKORDERED;
            }).toList();
            List<String> from = among.isEmpty() ? orderIds : among;
            return from.isEmpty() ? null : from.get(pick.index() % from.size());
        }

        String where(Op op) {
            return "seller " + seller + ", step " + (done.size() + 1) + " " + op + " after " + done;
        }
    }

    /** What DynamoDB holds for the try's seller: each order, each SKU's item (null: none). */
    private record State(Map<String, Order> orders, Map<String, long[]> stock) {
    }

    @Property(tries = 25, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.BOUNDED)
    void every_step_of_a_sellers_day_keeps_stock_reservations_and_history_consistent_in_dynamodb(
            @ForAll("initialStock") List<Integer> initial, @ForAll("days") List<Op> ops) {
        day(initial, ops);
    }

    @Property(tries = 30, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.BOUNDED)
    void backorders_are_filled_oldest_first_and_none_waits_while_the_stock_covers_it(
            @ForAll("scarceStock") List<Integer> initial, @ForAll("backorderDays") List<Op> ops) {
        day(initial, ops);
    }

    /**
     * Found by the property above: the oldest backorder of a SKU held the queue (the stock covered the
     * younger one only), then was canceled. Holding nothing, its cancel released nothing, and nothing
     * retried the backorders behind it: the younger one waited with its stock on the shelf.
     */
    @Example
    void canceling_the_backorder_at_the_head_of_the_queue_lets_the_next_one_take_the_stock() {
        day(List.of(0, 5, 5), List.of(new Arrive(new TreeMap<>(Map.of(0, 3))), new Arrive(new TreeMap<>(Map.of(0, 1))),
                new Count(0, 2), new Cancel(new Pick(0, Pick.Among.ANY))));
        day(List.of(0, 5, 5), List.of(new Arrive(new TreeMap<>(Map.of(0, 3))), new Arrive(new TreeMap<>(Map.of(0, 1))),
                new Adjust(0, 2), new StorefrontCancel(new Pick(0, Pick.Among.ANY))));
    }

    private void day(List<Integer> initial, List<Op> ops) {
        TRIES.incrementAndGet();
        Day day = new Day();
        cloud.admin().putStorefront(day.storefront, day.seller, "generic", Fixtures.SECRET);
        for (int i = 0; i < SKUS.size(); i++) {
            if (initial.get(i) >= 0) {
                cloud.admin().putStock(day.seller, SKUS.get(i), initial.get(i), Instant.now());
            }
        }
        day.done.add("stock " + initial);
        State before = read(day);
        check(day, "initial stock " + initial, before, before, Map.of());
        for (Op op : ops) {
            String where = day.where(op);
            Map<String, Integer> onHandMoves = new HashMap<>();
            day.changesNothing = false;
            day.mustBeCanceled = null;
            String newOrder = run(day, op, before, onHandMoves, where);
            pump(where);
            State after = read(day);
            if (newOrder != null) {
                checkNewOrder(day, before, after, newOrder, where);
            }
            if (day.mustBeCanceled != null) {
                assertEquals(OrderStatus.CANCELED, after.orders().get(day.mustBeCanceled).status(),
                        where + ": the storefront's cancel of " + day.mustBeCanceled + " before shipment");
            }
            if (day.changesNothing) {
                assertEquals(show(before.orders()), show(after.orders()), where + ": a step that must change nothing"
                        + " changed orders");
                assertEquals(show(before), show(after), where + ": a step that must change nothing changed stock");
            }
            check(day, where, before, after, onHandMoves);
            day.done.add(op.toString());
            STEPS.incrementAndGet();
            before = after;
        }
        // Once more in full, not only what changed: every order's whole history against its version.
        for (Order o : before.orders().values()) {
            checkHistory(o.orderId(), null, 0, o, "seller " + day.seller + " at the end of " + day.done);
        }
        Statistics.label("orders placed").collect(day.orderIds.size());
        Statistics.label("statuses at the end").collect(before.orders().values().stream().map(Order::status)
                .distinct().sorted().toList().toString());
    }

    /**
     * Runs the step through its handler and checks the answer against the state machine; records the
     * onHand each SKU must have moved by. Returns the id of an order it placed.
     */
    private String run(Day day, Op op, State before, Map<String, Integer> onHandMoves, String where) {
        switch (op) {
            case Arrive a -> {
                return arrive(day, a, where);
            }
            case Cancel c -> {
                String id = day.pick(c.pick(), before, SellerAction.CANCEL);
                if (id == null) {
                    day.changesNothing = true;
                    return null;
                }
                Order o = before.orders().get(id);
                boolean repeat = o.status() == OrderStatus.CANCELED && o.fulfillment().cancellation() != null
                        && SELLER_CANCEL_REASON.equals(o.fulfillment().cancellation().reason());
                boolean allowed = o.status().sellerActions().contains(SellerAction.CANCEL);
                APIGatewayV2HTTPResponse r = seller(cancels, "cancel-order", day, Map.of("orderId", id),
                        Map.of("reason", SELLER_CANCEL_REASON));
                answered(day, "cancel", r, allowed || repeat ? 200 : 409, o, where);
            }
            case StorefrontCancel c -> {
                String id = day.pick(c.pick(), before, SellerAction.CANCEL);
                if (id == null) {
                    day.changesNothing = true;
                    return null;
                }
                OrderStatus status = before.orders().get(id).status();
                send(Map.of("cancel", Map.of("orderId", id, "reason", "the buyer asked", "buyerRequested", true,
                        "by", Actor.storefront(day.storefront).toString())));
                count("storefront-cancel of " + status);
                if (status.canBecome(OrderStatus.CANCELED)) {
                    day.mustBeCanceled = id;
                } else {
                    day.changesNothing = true; // already canceled, or too late: it has shipped
                }
            }
            case Ship s -> {
                String id = day.pick(s.pick(), before, SellerAction.SHIP);
                if (id == null) {
                    day.changesNothing = true;
                    return null;
                }
                Order o = before.orders().get(id);
                Map<String, Integer> left = new TreeMap<>(o.unshippedBySku());
                Map<String, Integer> box = new TreeMap<>();
                int i = 0;
                for (Map.Entry<String, Integer> e : left.entrySet()) {
                    if (((s.mask() >> i) & 1) == 1) {
                        box.put(e.getKey(), 1 + ((s.mask() >> 3) + i) % e.getValue());
                    }
                    i++;
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("carrier", "Local courier");
                body.put("trackingNumber", "PROP" + (++day.trackings));
                body.put("shipDate", Instant.now().minusSeconds(1).toString());
                if (!box.isEmpty()) {
                    List<Map<String, Object>> lines = new ArrayList<>();
                    box.forEach((sku, q) -> lines.add(Map.of("sku", sku, "quantity", q)));
                    body.put("lines", lines);
                }
                boolean allowed = o.status().sellerActions().contains(SellerAction.SHIP);
                APIGatewayV2HTTPResponse r = seller(shipments, "ship-order", day, Map.of("orderId", id), body);
                if (answered(day, "ship", r, allowed ? 201 : 409, o, where)) {
                    (box.isEmpty() ? left : box).forEach((sku, q) -> onHandMoves.merge(sku, -q, Integer::sum));
                }
            }
            case Deliver d -> {
                String id = day.pick(d.pick(), before, SellerAction.CONFIRM_DELIVERY);
                if (id == null) {
                    day.changesNothing = true;
                    return null;
                }
                Order o = before.orders().get(id);
                // Allowed while shipped in part or in full; once everything is delivered a repeat is a 200 too.
                boolean ok = o.status().sellerActions().contains(SellerAction.CONFIRM_DELIVERY)
                        || AFTER_DELIVERY.contains(o.status());
                APIGatewayV2HTTPResponse r = seller(deliveries, "confirm-delivery", day, Map.of("orderId", id),
                        Map.of("deliveredAt", Instant.now().toString()));
                answered(day, "deliver", r, ok ? 200 : 409, o, where);
            }
            case Return g -> giveBack(day, g, before, onHandMoves, where);
            case Count c -> {
                String sku = SKUS.get(c.sku());
                long[] item = before.stock().get(sku);
                boolean below = item != null && item[1] > c.onHand();
                APIGatewayV2HTTPResponse r = seller(stockUpdates, "set-stock", day, Map.of("sku", sku),
                        Map.of("onHand", c.onHand()));
                if (answered(day, "count", r, below ? 400 : 200, null, where)) {
                    onHandMoves.put(sku, (int) (c.onHand() - (item == null ? 0 : item[0])));
                }
            }
            case Adjust a -> {
                String sku = SKUS.get(a.sku());
                long[] item = before.stock().get(sku);
                int expected = item == null ? 404 : item[2] + a.delta() < 0 ? 400 : 200;
                APIGatewayV2HTTPResponse r = seller(stockUpdates, "adjust-stock", day, Map.of("sku", sku),
                        Map.of("delta", a.delta(), "reason", "property test"));
                if (answered(day, "adjust", r, expected, null, where)) {
                    onHandMoves.put(sku, a.delta());
                }
            }
        }
        return null;
    }

    /** A signed delivery of a paid order through ReceiveWebhookHandler; its id. */
    private String arrive(Day day, Arrive a, String where) {
        Map<String, Object> json = Fixtures.sampleOrder();
        String external = "P-" + (day.orderIds.size() + 1);
        json.put("externalOrderId", external);
        // Placed one second apart, in the order they arrive: "oldest" is well defined.
        json.put("createdAt", day.placedFrom.plusSeconds(day.orderIds.size() + 1L).toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        int units = 0;
        for (Map.Entry<Integer, Integer> l : a.lines().entrySet()) {
            lines.add(Map.of("sku", SKUS.get(l.getKey()), "title", SKUS.get(l.getKey()), "quantity", l.getValue(),
                    "unitPrice", "10.00"));
            units += l.getValue();
        }
        json.put("lines", lines);
        json.put("shippingTotal", "0.00");
        json.put("taxTotal", "0.00");
        json.put("total", units * 10 + ".00");
        String body = Json.write(json);
        APIGatewayV2HTTPEvent e = copy(FIXTURES.get("receive-webhook"));
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.put(WebhookSignature.HEADER, Fixtures.sign(body, Instant.now()));
        e.setHeaders(headers);
        e.setPathParameters(Map.of("storefrontId", day.storefront));
        e.setBody(body);
        APIGatewayV2HTTPResponse r = webhook.handleRequest(e, new TestContext());
        assertEquals(202, r.getStatusCode(), where + ": " + r.getBody());
        count("arrive 202");
        String id = String.valueOf(Json.parseObject(r.getBody()).get("orderId"));
        day.orderIds.add(id);
        return id;
    }

    /** Confirms delivery is done already (else the step is a refused return), authorizes one unit and receives it. */
    private void giveBack(Day day, Return g, State before, Map<String, Integer> onHandMoves, String where) {
        String id = day.pick(g.pick(), before, SellerAction.RETURN);
        if (id == null) {
            day.changesNothing = true;
            return;
        }
        Order o = before.orders().get(id);
        List<String> skus = new ArrayList<>(new TreeMap<>(o.quantitiesBySku()).keySet());
        String sku = skus.get(g.sku() % skus.size());
        int free = o.quantitiesBySku().get(sku) - day.onRmas.getOrDefault(id, Map.of()).getOrDefault(sku, 0);
        boolean allowed = o.status().sellerActions().contains(SellerAction.RETURN);
        APIGatewayV2HTTPResponse created = seller(returns, "create-return", day, Map.of("orderId", id),
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1, "reason",
                        g.sellable() ? "NO_LONGER_NEEDED" : "DEFECTIVE"))));
        if (!answered(day, "return", created, allowed && free > 0 ? 201 : 422, o, where)) {
            return;
        }
        day.onRmas.computeIfAbsent(id, k -> new HashMap<>()).merge(sku, 1, Integer::sum);
        String rmaId = String.valueOf(Json.parseObject(created.getBody()).get("rmaId"));
        APIGatewayV2HTTPResponse received = seller(receipts, "receive-return", day, Map.of("rmaId", rmaId),
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1, "condition",
                        g.sellable() ? "SELLABLE" : "DAMAGED"))));
        answered(day, "receive", received, 201, o, where);
        if (g.sellable()) {
            onHandMoves.merge(sku, 1, Integer::sum);
        }
    }

    /**
     * Checks the status code; returns whether the request was taken (2xx). A refused one is also
     * counted so the figures show both sides were exercised.
     */
    private static boolean answered(Day day, String what, APIGatewayV2HTTPResponse r, int expected, Order order,
                                    String where) {
        assertEquals(expected, r.getStatusCode(), where + ": " + what + " of " + (order == null ? "stock"
                : order.orderId() + " " + order.status()) + " answered " + r.getBody());
        count(what + " " + r.getStatusCode());
        boolean taken = r.getStatusCode() < 300;
        if (!taken || Boolean.FALSE.equals(Json.parseObject(r.getBody()).get("changed"))) {
            day.changesNothing = true; // refused, or a repeat that changed nothing (an action's "changed": false)
        }
        return taken;
    }

    private static synchronized void count(String answer) {
        ANSWERS.merge(answer, 1, Integer::sum);
        Statistics.label("answers").collect(answer);
    }

    /** A seller's API call through its handler, on the route's events/ fixture. */
    private static APIGatewayV2HTTPResponse seller(
            com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            String fixture, Day day, Map<String, String> path, Map<String, Object> body) {
        APIGatewayV2HTTPEvent e = copy(FIXTURES.get(fixture));
        e.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", day.seller, "keyId", "key_props000001"));
        e.setPathParameters(path);
        e.setBody(Json.write(body));
        return handler.handleRequest(e, new TestContext());
    }

    /** The fixture, copied for one call (its request context too: the authorizer's answer is set per call). */
    private static APIGatewayV2HTTPEvent copy(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return APIGatewayV2HTTPEvent.builder().withVersion(event.getVersion()).withRouteKey(event.getRouteKey())
                .withRawPath(event.getRawPath()).withHeaders(new HashMap<>(event.getHeaders()))
                .withQueryStringParameters(event.getQueryStringParameters())
                .withPathParameters(event.getPathParameters()).withBody(event.getBody())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(context.getRouteKey())
                        .withHttp(context.getHttp()).withRequestId(context.getRequestId())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of()).build()).build())
                .build();
    }

    private static void send(Map<String, Object> message) {
        cloud.sqs.sendMessage(b -> b.queueUrl(QUEUES.get("ORDER_QUEUE_URL")).messageBody(Json.write(message)));
    }

    /**
     * What Lambda's event source does with the OrderQueue, at the test's pace: batches of up to 10
     * to the processor until the queue is empty. In a sequential test no message may fail.
     */
    private static void pump(String where) {
        String queue = QUEUES.get("ORDER_QUEUE_URL");
        for (int batches = 0; batches < 100; batches++) {
            List<Message> batch = cloud.sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return;
            }
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (Message m : batch) {
                SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
                r.setMessageId(m.messageId());
                r.setReceiptHandle(m.receiptHandle());
                r.setBody(m.body());
                r.setEventSource("aws:sqs");
                records.add(r);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(records);
            SQSBatchResponse response = processor.handleRequest(event, new TestContext());
            assertEquals(List.of(), response.getBatchItemFailures().stream()
                    .map(f -> batch.stream().filter(m -> m.messageId().equals(f.getItemIdentifier()))
                            .map(Message::body).findFirst().orElse(f.getItemIdentifier())).toList(),
                    where + ": OrderQueue messages the processor failed");
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                entries.add(DeleteMessageBatchRequestEntry.builder().id("m" + i).receiptHandle(m.receiptHandle()).build());
            }
            cloud.sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(entries));
        }
        fail(where + ": the OrderQueue did not drain in 100 batches");
    }

    // ---------------------------------------------------------------- reading DynamoDB

    private static State read(Day day) {
        Map<String, Order> orders = new LinkedHashMap<>();
        for (String id : day.orderIds) {
            orders.put(id, cloud.orders().get(id).orElseThrow(() -> new AssertionError("order " + id + " is gone")));
        }
        // The seller's stock items in one strongly consistent read.
        String table = cloud.ref("InventoryTable");
        List<Map<String, AttributeValue>> keys = SKUS.stream().map(sku -> Map.of("sellerId",
                AttributeValue.fromS(day.seller), "sku", AttributeValue.fromS(sku))).toList();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true).build());
        Map<String, long[]> stock = new HashMap<>();
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> pending = request;
            var response = cloud.dynamo.batchGetItem(b -> b.requestItems(pending));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                String sku = item.get("sku").s();
                long[] counts = new long[3];
                String[] names = {"onHand", "reserved", "available"};
                for (int i = 0; i < 3; i++) {
                    AttributeValue v = item.get(names[i]);
                    assertNotNull(v, "stock item " + sku + " of " + day.seller + " has no " + names[i] + ": " + item);
                    counts[i] = Long.parseLong(v.n());
                }
                stock.put(sku, counts);
            }
            request = response.unprocessedKeys();
        }
        return new State(orders, stock);
    }

    // ---------------------------------------------------------------- the invariants

    /** A new paid order: confirmed when every SKU had the units, on hold for a SKU without stock, else backordered. */
    private static void checkNewOrder(Day day, State before, State after, String id, String where) {
        Order o = after.orders().get(id);
        Map<String, Integer> need = o.quantitiesBySku();
        boolean unknown = need.keySet().stream().anyMatch(sku -> before.stock().get(sku) == null);
        boolean covered = need.entrySet().stream().allMatch(e -> before.stock().get(e.getKey()) != null
                && before.stock().get(e.getKey())[2] >= e.getValue());
        OrderStatus expected = unknown ? OrderStatus.ON_HOLD : covered ? OrderStatus.UNSHIPPED : OrderStatus.BACKORDERED;
        // A new order goes straight to its first processing; nothing else happened to it in this step.
        assertEquals(expected, o.status(), where + ": new order " + id + " " + need + " with stock " + show(before)
                + " is " + o.status() + " (" + o.statusReason() + ")");
    }

    private static void check(Day day, String where, State before, State after,
                       Map<String, Integer> onHandMoves) {
        CHECKS.incrementAndGet();
        // Stock items: consistent, never negative; onHand moved only by what the step did.
        for (String sku : SKUS) {
            long[] item = after.stock().get(sku);
            long[] was = before.stock().get(sku);
            if (item == null) {
                assertNull(was, where + ": the stock item of " + sku + " disappeared");
                assertFalse(onHandMoves.containsKey(sku) && onHandMoves.get(sku) != 0,
                        where + ": " + sku + " should have moved by " + onHandMoves.get(sku) + " but has no item");
                continue;
            }
            String s = where + ": " + sku + " " + show(item);
            assertTrue(item[0] >= 0 && item[1] >= 0 && item[2] >= 0, s + " has a negative count");
            assertEquals(item[0], item[1] + item[2], s + ": onHand is not reserved + available");
            long wasOnHand = was == null ? 0 : was[0];
            assertEquals(wasOnHand + onHandMoves.getOrDefault(sku, 0), item[0],
                    s + ": onHand moved by " + (item[0] - wasOnHand) + ", the step moved it by "
                            + onHandMoves.getOrDefault(sku, 0));
        }
        // Reserved is exactly what the orders that hold stock have left to ship.
        Map<String, Integer> held = new TreeMap<>();
        for (Order o : after.orders().values()) {
            if (HOLDS_STOCK.contains(o.status())) {
                o.unshippedBySku().forEach((sku, q) -> held.merge(sku, q, Integer::sum));
            }
        }
        for (String sku : SKUS) {
            long[] item = after.stock().get(sku);
            assertEquals(held.getOrDefault(sku, 0).longValue(), item == null ? 0 : item[1],
                    where + ": reserved " + sku + " vs the unshipped units of UNSHIPPED/PARTIALLY_SHIPPED orders "
                            + held + "; orders " + show(after.orders()));
        }
        // Each changed order: one history entry per version, legal steps only, ending where it is.
        List<String> confirmed = new ArrayList<>();
        Map<String, OrderStatus> confirmedFrom = new HashMap<>();
        for (Order o : after.orders().values()) {
            Order was = before.orders().get(o.orderId());
            if (was != null && was.version() == o.version()) {
                assertEquals(was.status(), o.status(), where + ": " + o.orderId() + " changed without a new version");
                continue;
            }
            assertTrue(was == null || o.version() > was.version(), where + ": " + o.orderId() + " went back a version");
            List<HistoryEntry> entries = checkHistory(o.orderId(), was == null ? null : was.status(),
                    was == null ? 0 : was.version(), o, where);
            for (HistoryEntry e : entries) {
                if (e.to() == OrderStatus.UNSHIPPED && e.from() != OrderStatus.UNSHIPPED) {
                    confirmed.add(o.orderId());
                    confirmedFrom.put(o.orderId(), e.from());
                }
            }
        }
        // A refused request changes nothing.
        checkBackorders(day, where, after, confirmed, confirmedFrom);
    }

    /**
     * The order's history after {@code fromVersion}: versions one by one up to the order's, each entry
     * from the status the one before left (the first of a new order from none) to one the state machine
     * allows, the last to the status stored.
     */
    private static List<HistoryEntry> checkHistory(String orderId, OrderStatus fromStatus, long fromVersion, Order now,
                                                   String where) {
        List<HistoryEntry> entries = cloud.orders().history(orderId, fromVersion, 200);
        assertEquals(now.version() - fromVersion, entries.size(), where + ": " + orderId + " at version "
                + now.version() + " has " + entries.size() + " history entries after version " + fromVersion + ": "
                + entries);
        OrderStatus status = fromStatus;
        long version = fromVersion;
        for (HistoryEntry e : entries) {
            String at = where + ": " + orderId + " history " + e;
            assertEquals(++version, e.version(), at + ": versions are not one by one");
            if (version == 1) {
                assertNull(e.from(), at + ": the first entry comes from no status");
            } else {
                assertEquals(status, e.from(), at + ": does not start where the entry before left the order");
                assertTrue(e.from() == e.to() || e.from().canBecome(e.to()),
                        at + ": " + e.from() + " -> " + e.to() + " is not a transition of the state machine");
            }
            status = e.to();
        }
        assertEquals(now.status(), status, where + ": " + orderId + " is " + now.status()
                + " but its history ends at " + status);
        return entries;
    }

    /** The backorder promises (see the class comment); younger orders taking a short SKU are counted. */
    private static void checkBackorders(Day day, String where, State after, List<String> confirmed,
                                        Map<String, OrderStatus> confirmedFrom) {
        List<Order> waiting = after.orders().values().stream()
                .filter(o -> o.status() == OrderStatus.BACKORDERED).toList(); // oldest first: placed in this order
        for (String sku : SKUS) {
            if (waiting.stream().filter(o -> o.quantitiesBySku().containsKey(sku)).count() >= 2) {
                QUEUED.incrementAndGet();
                break;
            }
        }
        for (Order o : waiting) {
            Map<String, Long> available = available(after);
            // Units taken in this step by confirmed orders younger than o: had they waited, o could have had them.
            Map<String, Long> taken = new HashMap<>();
            for (String id : confirmed) {
                if (younger(day, id, o.orderId())) {
                    after.orders().get(id).quantitiesBySku().forEach((sku, q) -> taken.merge(sku, (long) q, Long::sum));
                }
            }
            Map<String, Long> couldHave = new HashMap<>(available);
            taken.forEach((sku, q) -> couldHave.merge(sku, q, Long::sum));
            Order blocker = blocker(day, waiting, o, couldHave);
            String state = "; stock " + show(after) + ", orders " + show(after.orders());
            if (covers(available, o) && blocker != null) {
                BLOCKED.incrementAndGet();
            }
            assertFalse(covers(available, o) && blocker == null, where + ": backorder " + o.orderId() + " "
                    + o.quantitiesBySku() + " waits though the stock covers it and no older backorder of its SKUs"
                    + " is short" + state);
            assertFalse(!taken.isEmpty() && covers(couldHave, o) && blocker == null, where + ": younger orders "
                    + confirmed + " were confirmed with " + taken + " while the older backorder " + o.orderId() + " "
                    + o.quantitiesBySku() + " could have been filled" + state);
            // Counted, not failed: younger orders confirmed with units of a SKU this backorder is short of.
            for (String id : confirmed) {
                Order y = after.orders().get(id);
                if (!younger(day, id, o.orderId())) {
                    continue;
                }
                for (String sku : y.quantitiesBySku().keySet()) {
                    Integer need = o.quantitiesBySku().get(sku);
                    if (need != null && need > couldHave.getOrDefault(sku, 0L)) {
                        String path = confirmedFrom.get(id) == OrderStatus.READY ? "arriving" : "backorder retried";
                        synchronized (JUMPS) {
                            JUMPS.merge(path, 1, Integer::sum);
                            if (JUMP_EXAMPLES.size() < 3) {
                                JUMP_EXAMPLES.add("[" + where + "] " + id + " (" + path + ") took " + sku + " while the"
                                        + " older " + o.orderId() + " waits for " + need + " with "
                                        + available.getOrDefault(sku, 0L) + " available");
                            }
                        }
                    }
                }
            }
        }
    }

    /** An older backorder that wants one of o's SKUs and is short of it: o keeps behind it. */
    private static Order blocker(Day day, List<Order> waiting, Order o, Map<String, Long> available) {
        for (Order p : waiting) {
            if (!younger(day, o.orderId(), p.orderId())) {
                continue;
            }
            for (Map.Entry<String, Integer> e : p.quantitiesBySku().entrySet()) {
                if (o.quantitiesBySku().containsKey(e.getKey()) && e.getValue() > available.getOrDefault(e.getKey(), 0L)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean younger(Day day, String id, String than) {
        return day.orderIds.indexOf(id) > day.orderIds.indexOf(than);
    }

    private static boolean covers(Map<String, Long> available, Order o) {
        return o.quantitiesBySku().entrySet().stream()
                .allMatch(e -> available.containsKey(e.getKey()) && available.get(e.getKey()) >= e.getValue());
    }

    private static Map<String, Long> available(State s) {
        Map<String, Long> available = new HashMap<>();
        s.stock().forEach((sku, item) -> available.put(sku, item[2]));
        return available;
    }

    private static String show(long[] item) {
        return "{onHand=" + item[0] + ", reserved=" + item[1] + ", available=" + item[2] + "}";
    }

    private static String show(State s) {
        Map<String, String> shown = new TreeMap<>();
        s.stock().forEach((sku, item) -> shown.put(sku, show(item)));
        return shown.toString();
    }

    private static String show(Map<String, Order> orders) {
        StringBuilder b = new StringBuilder("[");
        orders.values().forEach(o -> b.append(o.orderId(), Math.max(0, o.orderId().length() - 6), o.orderId().length())
                .append(' ').append(o.status()).append(" v").append(o.version()).append(' ')
                .append(o.quantitiesBySku()).append(HOLDS_STOCK.contains(o.status()) ? " left " + o.unshippedBySku() : "")
                .append("; "));
        return b.append(']').toString();
    }
}
