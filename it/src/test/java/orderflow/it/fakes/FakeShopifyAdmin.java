package orderflow.it.fakes;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import orderflow.it.fakes.FakeShopifyExecutor.ArgField;
import orderflow.it.fakes.FakeShopifyExecutor.Prepared;
import orderflow.it.fakes.FakeShopifyExecutor.Refused;
import orderflow.it.fakes.FakeShopifyExecutor.Result;
import orderflow.it.fakes.FakeShopifyExecutor.RootField;
import orderflow.it.fakes.FakeShopifyGraphQL.GqlError;
import orderflow.shared.json.Json;

/**
 * A loopback fake of the Shopify Admin GraphQL API, written from Shopify's own documentation (shopify.dev
 * reference pages, the rate-limit and versioning guides, the developer changelog), not from any client code.
 * A test starts it, seeds a shop (orders, line items, fulfillment orders, locations, inventory), points the client
 * under test at {@link #baseUrl()} with {@link #accessToken()}, and afterwards asserts on what the fake received
 * ({@link #calls()}, {@link #fulfillments()}, {@link #cancellations()}, {@link #refunds()},
 * {@link #inventorySetCalls()}) and on the shop's state. Its purpose is to catch a misreading of the API: a wrong
 * field or argument name, a wrong input shape, a deprecated mutation, a missing idempotency key, a quantity the shop
 * would refuse, a client that does not read {@code userErrors} or does not back off when throttled.
 *
 * <h2>HTTP</h2>
 * {@code POST /admin/api/{version}/graphql.json} (or {@code /graphql}) on 127.0.0.1 (an ephemeral port), body
 * {@code {"query": ..., "variables": {...}, "operationName": ...}} as {@code application/json}. The bare-query
 * {@code application/graphql} content type is refused with 400 from 2025-01 (changelog "Content type
 * application/graphql is deprecated"). Answers:
 * <ul>
 *   <li>401 {@code {"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}} when the
 *       {@code X-Shopify-Access-Token} header is missing or wrong.</li>
 *   <li>Versions (shopify.dev "API versioning"): a supported version, the release candidate or {@code unstable} is
 *       served as asked; an older, retired {@code YYYY-MM} version "falls forward" to the oldest supported one (the
 *       {@code X-Shopify-API-Version} response header says which version answered); anything else (malformed, or
 *       newer than the newest known release) is 404 {@code {"errors":"Not Found"}}, as is any other path.</li>
 *   <li>400 when the body is not a JSON object with a {@code query} string (Shopify's response-codes page: "bad
 *       syntax or ... Content-Type header wasn't correctly set to application/json").</li>
 *   <li>Everything GraphQL-level is HTTP 200: data, {@code errors} (parse, validation, variables, throttling), and
 *       always {@code extensions.cost} with {@code requestedQueryCost}, {@code actualQueryCost} and
 *       {@code throttleStatus {maximumAvailable, currentlyAvailable, restoreRate}}. Exception (changelog "GraphQL Over
 *       HTTP", 2025-01): on {@code /graphql} with {@code Accept: application/graphql-response+json} preferred, a
 *       request refused before execution is 400 and the body is {@code application/graphql-response+json}.</li>
 *   <li>A request using deprecated fields, arguments or input fields (fulfillmentCreateV2, OrderCancelPayload.userErrors,
 *       orderCancel's refund from 2025-07, compareQuantity/ignoreCompareQuantity in 2026-01) carries
 *       {@code X-Shopify-API-Deprecated-Reason: Type.field, ...} (changelog, 2025-04) and {@link Call#deprecations()}.</li>
 * </ul>
 *
 * <h2>GraphQL subset understood</h2>
 * Parsing is a real (hand-written) GraphQL parser: named or anonymous {@code query}/{@code mutation}, variable
 * definitions with defaults, aliases, arguments (literals or variables), fragments and inline fragments,
 * {@code @include}/{@code @skip}, {@code @idempotent(key:)} (2026-01 and later), {@code __typename}. Everything is
 * validated against {@link FakeShopifySchema} before anything executes, so an unknown field, argument, input field,
 * enum value, variable type mismatch or missing required argument gets the GraphQL error Shopify (graphql-ruby)
 * gives, with no data. Root fields:
 * <ul>
 *   <li>Query: {@code order(id:)} with {@code lineItems}, {@code fulfillmentOrders} (connections: {@code first} or
 *       {@code last} required; {@code nodes} and {@code edges {node cursor}} and {@code pageInfo} all work),
 *       {@code fulfillments}, {@code refunds}, {@code transactions}, {@code tags}; {@code fulfillmentOrder(id:)},
 *       {@code location(id:)}, {@code inventoryItem(id:) {inventoryLevel(locationId:) {quantities(names:)}}},
 *       {@code job(id:)}.</li>
 *   <li>Mutation: {@code fulfillmentCreate(fulfillment: FulfillmentInput!, message:)} and the deprecated
 *       {@code fulfillmentCreateV2(fulfillment: FulfillmentV2Input!)} (recorded under its own name so a test can
 *       refuse it); {@code orderCancel(orderId:, reason:, refund:|refundMethod:, restock:, notifyCustomer:,
 *       staffNote:)}; {@code refundCreate(input: RefundInput!)}; {@code tagsAdd(id:, tags:)} on orders; {@code inventorySetQuantities(input:)}.</li>
 * </ul>
 * Any other root field is "Field 'x' doesn't exist on type 'QueryRoot'/'Mutation'" (code undefinedField), as
 * Shopify would answer for a field it does not have; subscriptions are refused.
 *
 * <h2>Business rules modelled (userErrors, HTTP 200)</h2>
 * fulfillmentCreate: unknown fulfillment order or line item, a fulfillment order line item of another fulfillment
 * order, quantity not positive or above {@code remainingQuantity} (summed over repeats), fulfillment orders of
 * different orders or locations (the docs: "associated with the same order and assigned to the same location"), a
 * fulfillment order that is not OPEN/IN_PROGRESS; all-or-nothing. On success remaining quantities drop, a
 * fulfillment order with nothing left is CLOSED (else IN_PROGRESS), and the fulfillment (tracking as sent) is
 * recorded. Empty {@code fulfillmentOrderLineItems} fulfils everything remaining (documented). orderCancel: unknown
 * order (NOT_FOUND), already cancelled or with fulfillments (INVALID), neither or both of {@code refund} and
 * {@code refundMethod} from 2025-07 on (INVALID); returns a Job. refundCreate: unknown order or line item, more
 * units than bought minus already refunded, LEGACY_RESTOCK, a transaction of another order, not of kind REFUND, an
 * unknown parent, more money than paid (unless {@code allowOverRefunding}), more shipping than charged;
 * {@code @idempotent} required from 2026-04. inventorySetQuantities: the documented
 * InventorySetQuantitiesUserErrorCode cases (name, reason, item, location, not stocked, duplicates, negative,
 * compareQuantity required/stale before 2026-04, changeFromQuantity stale/required from 2026-01/2026-04).
 * Idempotency keys (shopify.dev "Implementing idempotency"): the same key with the same arguments replays the first
 * success without applying it again; the same key with other arguments is IDEMPOTENCY_KEY_PARAMETER_MISMATCH.
 * The wording of every message is this fake's own; field paths follow the input path.
 *
 * <h2>Cost and throttling</h2>
 * A leaky bucket per fake (shopify.dev "GraphQL Admin API rate limits"): {@code maximumAvailable} points, refilled
 * at {@code restoreRate} points per second of {@link #setClock(Clock) the clock}. Defaults: 2000 and 100, the
 * Standard plan's current restore rate (the older docs said 1000 and 50; {@link #setBucket} sets either). The
 * requested cost (see {@link FakeShopifyExecutor}) must fit in what is available or the answer is
 * {@code {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED",...}}],"extensions":{"cost":{...,
 * "actualQueryCost":null,...}}}} with HTTP 200 and nothing executed; above 1000 it is MAX_COST_EXCEEDED. After
 * executing, the difference between requested and actual cost is refunded to the bucket.
 *
 * <h2>Faults for tests</h2>
 * {@link #failNext(int, int)} (the next n requests answer that HTTP status before doing anything),
 * {@link #failNextAfterApplying(int, int)} (the mutation is applied, then the response is lost as that status: the
 * case idempotency keys exist for), {@link #throttleNext(int)}, {@link #setCurrentlyAvailable(double)}, and a
 * settable clock ({@link ManualClock}).
 */
public final class FakeShopifyAdmin implements AutoCloseable {

    public static final String DEFAULT_ACCESS_TOKEN = "shpat_fake0000000000000000000000000";
    /** Stable versions still supported in December 2026, plus the 2027-01 release candidate. */
    public static final List<String> DEFAULT_VERSIONS = List.of("2026-01", "2026-04", "2026-07", "2026-10", "2027-01");

    private static final Pattern PATH = Pattern.compile("^/admin/api/([^/]+)/graphql(\\.json)?$");
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final Pattern DATED_VERSION = Pattern.compile("^\\d{4}-(01|04|07|10)$");
    private static final Pattern GID = Pattern.compile("^gid://shopify/([A-Za-z]+)/(\\d+)(\\?.*)?$");
    private static final String RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/rate-limits";
    /** Inventory reasons from shopify.dev "Inventory quantities and states". */
    static final Set<String> INVENTORY_REASONS = Set.of("correction", "cycle_count_available", "damaged",
            "movement_canceled", "movement_created", "movement_received", "movement_updated", "other", "promotion",
            "quality_control", "received", "reservation_created", "reservation_deleted", "reservation_updated", "restock",
            "safety_stock", "shrinkage");

    private final HttpServer server;
    private final Object lock = new Object();

    // configuration
    private volatile String accessToken = DEFAULT_ACCESS_TOKEN;
    private final TreeSet<String> versions = new TreeSet<>(DEFAULT_VERSIONS);
    private volatile Clock clock = Clock.systemUTC();
    private double maximumAvailable = 2000;
    private double restoreRate = 100;
    private double currentlyAvailable = 2000;
    private Instant lastRefill;

    // faults
    private record Fault(int status, boolean afterApplying) {
    }

    private final Deque<Fault> faults = new ArrayDeque<>();
    private int throttleNext;

    // shop state
    private final Map<Long, LocationState> locations = new LinkedHashMap<>();
    private final Map<Long, OrderState> orders = new LinkedHashMap<>();
    private final Map<Long, FoState> fulfillmentOrders = new LinkedHashMap<>();
    private final Map<Long, String> inventoryItems = new LinkedHashMap<>();
    private final Map<String, LevelState> levels = new LinkedHashMap<>();
    private final Map<Long, FulfillmentState> fulfillmentsById = new LinkedHashMap<>();
    private final Map<Long, RefundState> refundsById = new LinkedHashMap<>();
    private final Map<String, Boolean> jobs = new LinkedHashMap<>();
    private final Map<String, IdempotentResult> idempotency = new HashMap<>();
    private long nextGeneratedId = 900_000_001L;

    // records
    private final List<Call> calls = new ArrayList<>();
    private final List<RecordedFulfillment> recordedFulfillments = new ArrayList<>();
    private final List<RecordedCancellation> recordedCancellations = new ArrayList<>();
    private final List<RecordedRefund> recordedRefunds = new ArrayList<>();
    private final List<RecordedInventorySet> recordedInventorySets = new ArrayList<>();

    /** Starts the fake on 127.0.0.1 and an ephemeral port. */
    public FakeShopifyAdmin() throws IOException {
        lastRefill = clock.instant();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ================================================================== configuration

    /** {@code http://127.0.0.1:PORT}: the "shop" a client talks to (instead of https://{shop}.myshopify.com). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String graphqlUrl(String version) {
        return baseUrl() + "/admin/api/" + version + "/graphql.json";
    }

    public String accessToken() {
        return accessToken;
    }

    public FakeShopifyAdmin setAccessToken(String token) {
        this.accessToken = Objects.requireNonNull(token);
        return this;
    }

    /** The versions served as asked (YYYY-MM); an older dated version falls forward to the oldest of these. */
    public FakeShopifyAdmin setSupportedVersions(String... supported) {
        synchronized (lock) {
            versions.clear();
            versions.addAll(List.of(supported));
        }
        return this;
    }

    public List<String> supportedVersions() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(versions));
        }
    }

    /** The bucket: size and points restored per second (the Standard plan is 100/s today; older docs said 1000 and 50/s). */
    public FakeShopifyAdmin setBucket(double maximumAvailable, double restoreRate) {
        synchronized (lock) {
            this.maximumAvailable = maximumAvailable;
            this.restoreRate = restoreRate;
            this.currentlyAvailable = maximumAvailable;
            this.lastRefill = clock.instant();
        }
        return this;
    }

    public FakeShopifyAdmin setCurrentlyAvailable(double points) {
        synchronized (lock) {
            refill();
            currentlyAvailable = Math.max(0, Math.min(maximumAvailable, points));
        }
        return this;
    }

    public double currentlyAvailable() {
        synchronized (lock) {
            refill();
            return currentlyAvailable;
        }
    }

    /** The clock the bucket refills by and timestamps come from (a {@link ManualClock} makes throttling deterministic). */
    public FakeShopifyAdmin setClock(Clock clock) {
        synchronized (lock) {
            refill();
            this.clock = Objects.requireNonNull(clock);
            this.lastRefill = clock.instant();
        }
        return this;
    }

    /** The next {@code n} requests to the GraphQL endpoint answer {@code httpStatus} without doing anything. */
    public FakeShopifyAdmin failNext(int n, int httpStatus) {
        synchronized (lock) {
            for (int i = 0; i < n; i++) {
                faults.add(new Fault(httpStatus, false));
            }
        }
        return this;
    }

    /** The next {@code n} requests are executed (mutations applied) but answered with {@code httpStatus}: a lost response. */
    public FakeShopifyAdmin failNextAfterApplying(int n, int httpStatus) {
        synchronized (lock) {
            for (int i = 0; i < n; i++) {
                faults.add(new Fault(httpStatus, true));
            }
        }
        return this;
    }

    /** The next {@code n} authenticated GraphQL requests are answered THROTTLED whatever the bucket holds. */
    public FakeShopifyAdmin throttleNext(int n) {
        synchronized (lock) {
            throttleNext += n;
        }
        return this;
    }

    /** A clock a test moves by hand. */
    public static final class ManualClock extends Clock {
        private volatile Instant now;

        public ManualClock(Instant start) {
            this.now = start;
        }

        public ManualClock() {
            this(Instant.parse("2026-12-01T12:00:00Z"));
        }

        public void advance(Duration d) {
            now = now.plus(d);
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

    // ================================================================== seeding

    public static String gid(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }

    public String addLocation(long id, String name) {
        synchronized (lock) {
            locations.put(id, new LocationState(id, name));
        }
        return gid("Location", id);
    }

    public String addInventoryItem(long id, String sku) {
        synchronized (lock) {
            inventoryItems.put(id, sku);
        }
        return gid("InventoryItem", id);
    }

    /** Stocks an inventory item at a location ({@code on_hand} starts equal to {@code available}). */
    public String addInventoryLevel(long inventoryItemId, long locationId, int available) {
        synchronized (lock) {
            if (!locations.containsKey(locationId)) {
                throw new IllegalStateException("seed location " + locationId + " first");
            }
            inventoryItems.putIfAbsent(inventoryItemId, null);
            levels.put(inventoryItemId + ":" + locationId, new LevelState(inventoryItemId, locationId, available, available));
        }
        return gid("InventoryItem", inventoryItemId);
    }

    public OrderSeed addOrder(long id) {
        synchronized (lock) {
            OrderState o = new OrderState(id, clock.instant());
            orders.put(id, o);
            return new OrderSeed(o);
        }
    }

    /** A fulfillment order of a seeded order, assigned to a seeded location, OPEN until said otherwise. */
    public FulfillmentOrderSeed addFulfillmentOrder(long id, long orderId, long locationId) {
        synchronized (lock) {
            if (!orders.containsKey(orderId) || !locations.containsKey(locationId)) {
                throw new IllegalStateException("seed order " + orderId + " and location " + locationId + " first");
            }
            FoState fo = new FoState(id, orderId, locationId, clock.instant());
            fulfillmentOrders.put(id, fo);
            return new FulfillmentOrderSeed(fo);
        }
    }

    public final class OrderSeed {
        private final OrderState o;

        private OrderSeed(OrderState o) {
            this.o = o;
        }

        public String gid() {
            return FakeShopifyAdmin.gid("Order", o.id);
        }

        public OrderSeed name(String name) {
            o.name = name;
            return this;
        }

        public OrderSeed currency(String currency) {
            o.currency = currency;
            return this;
        }

        public OrderSeed lineItem(long id, String sku, int quantity, String unitPrice) {
            return lineItem(id, sku, quantity, unitPrice, null);
        }

        /** A line item; with an inventory item, cancels and refunds with restock put units back at a location. */
        public OrderSeed lineItem(long id, String sku, int quantity, String unitPrice, Long inventoryItemId) {
            synchronized (lock) {
                o.lineItems.add(new LineItemState(id, sku, quantity, new BigDecimal(unitPrice), inventoryItemId));
            }
            return this;
        }

        /** A payment transaction (SALE, CAPTURE or AUTHORIZATION); SALE and CAPTURE amounts are what can be refunded. */
        public OrderSeed transaction(long id, String kind, String gateway, String amount) {
            synchronized (lock) {
                o.transactions.add(new TransactionState(id, kind, gateway, new BigDecimal(amount), null, clock.instant()));
            }
            return this;
        }

        public OrderSeed tag(String tag) {
            synchronized (lock) {
                o.tags.add(tag);
            }
            return this;
        }

        public OrderSeed shipping(String amount) {
            o.shipping = new BigDecimal(amount);
            return this;
        }

        /** An OPEN fulfillment order with one line per order line item (ids firstLineId, firstLineId+1, ...). */
        public FulfillmentOrderSeed fulfillmentOrderForAllLines(long foId, long locationId, long firstLineId) {
            FulfillmentOrderSeed seed = addFulfillmentOrder(foId, o.id, locationId);
            long next = firstLineId;
            for (LineItemState li : o.lineItems) {
                seed.lineItem(next++, li.id, li.quantity);
            }
            return seed;
        }
    }

    public final class FulfillmentOrderSeed {
        private final FoState fo;

        private FulfillmentOrderSeed(FoState fo) {
            this.fo = fo;
        }

        public String gid() {
            return FakeShopifyAdmin.gid("FulfillmentOrder", fo.id);
        }

        /** OPEN, IN_PROGRESS, CLOSED, CANCELLED, INCOMPLETE, ON_HOLD or SCHEDULED. */
        public FulfillmentOrderSeed status(String status) {
            fo.status = status;
            return this;
        }

        public FulfillmentOrderSeed lineItem(long id, long lineItemId, int quantity) {
            return lineItem(id, lineItemId, quantity, quantity);
        }

        public FulfillmentOrderSeed lineItem(long id, long lineItemId, int totalQuantity, int remainingQuantity) {
            synchronized (lock) {
                OrderState o = orders.get(fo.orderId);
                if (o.lineItem(lineItemId) == null) {
                    throw new IllegalStateException("order " + fo.orderId + " has no line item " + lineItemId);
                }
                fo.lines.add(new FoLineState(id, lineItemId, totalQuantity, remainingQuantity));
            }
            return this;
        }
    }

    // ================================================================== inspection

    public enum Outcome {
        /** Executed; no userErrors, no GraphQL errors. */
        OK,
        /** Executed; a payload carried userErrors (or orderCancelUserErrors). */
        USER_ERRORS,
        /** Refused before execution (parse, validation, variables) or a field failed: {@code errors}. */
        GRAPHQL_ERRORS,
        THROTTLED,
        MAX_COST_EXCEEDED,
        /** An idempotency key matched an earlier success: the earlier result, nothing applied. */
        IDEMPOTENT_REPLAY,
        INJECTED_FAILURE,
        INJECTED_FAILURE_AFTER_APPLYING,
        UNAUTHORIZED,
        NOT_FOUND,
        BAD_REQUEST
    }

    /**
     * One top-level field as the server saw it: arguments with variables substituted and schema defaults applied
     * (so {@code notifyCustomer: false} appears when the client left it out), aliases, the {@code @idempotent} key.
     */
    public record FieldCall(String name, String alias, Map<String, Object> arguments, String idempotencyKey) {
    }

    /**
     * One HTTP request, as received and answered; {@code deprecations} are the deprecated fields, arguments and input
     * fields it used (also sent as the {@code X-Shopify-API-Deprecated-Reason} header, shopify.dev changelog 2025-04).
     */
    public record Call(int seq, Instant at, String requestedVersion, String servedVersion, int httpStatus, Outcome outcome,
                       String operationType, String operationName, String query, Map<String, Object> variables,
                       List<FieldCall> fields, Map<String, Object> response, List<String> deprecations) {
        public boolean touches(String rootField) {
            return fields.stream().anyMatch(f -> f.name().equals(rootField));
        }

        public FieldCall field(String rootField) {
            return fields.stream().filter(f -> f.name().equals(rootField)).findFirst().orElse(null);
        }
    }

    public record FulfilledLine(String fulfillmentOrderId, String fulfillmentOrderLineItemId, String lineItemId, String sku,
                                int quantity) {
    }

    /**
     * A fulfillment created through fulfillmentCreate (or fulfillmentCreateV2: see {@code mutation}). Tracking is as
     * sent: {@code number}/{@code url} or {@code numbers}/{@code urls}. {@code trackingNotes} lists departures from
     * the FulfillmentTrackingInput note (url without number, number and numbers both given, ...), which Shopify
     * phrases as "should", so the fake records instead of refusing.
     */
    public record RecordedFulfillment(String id, String mutation, String orderId, String locationId, List<FulfilledLine> lines,
                                      String trackingCompany, List<String> trackingNumbers, List<String> trackingUrls,
                                      boolean notifyCustomer, String message, Object originAddress,
                                      Map<String, Object> input, List<String> trackingNotes) {
        public int quantity() {
            return lines.stream().mapToInt(FulfilledLine::quantity).sum();
        }
    }

    public record RecordedCancellation(String orderId, String reason, Boolean refund, Map<String, Object> refundMethod,
                                       boolean restock, Boolean notifyCustomer, String staffNote, String jobId,
                                       Map<String, Object> arguments) {
    }

    /** A refund created through refundCreate; {@code notes} lists restock choices the docs advise against. */
    public record RecordedRefund(String id, String orderId, List<Map<String, Object>> refundLineItems,
                                 Map<String, Object> shipping, List<Map<String, Object>> transactions, Boolean notifyCustomer,
                                 String note, String idempotencyKey, String totalRefunded, Map<String, Object> input,
                                 List<String> notes) {
    }

    /** Every inventorySetQuantities call, applied or not. */
    public record RecordedInventorySet(int callSeq, String apiVersion, Map<String, Object> input, String idempotencyKey,
                                       List<Map<String, Object>> userErrors, boolean applied) {
    }

    public List<Call> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    public List<Call> callsTo(String rootField) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.touches(rootField)).toList();
        }
    }

    public List<RecordedFulfillment> fulfillments() {
        synchronized (lock) {
            return List.copyOf(recordedFulfillments);
        }
    }

    public List<RecordedCancellation> cancellations() {
        synchronized (lock) {
            return List.copyOf(recordedCancellations);
        }
    }

    public List<RecordedRefund> refunds() {
        synchronized (lock) {
            return List.copyOf(recordedRefunds);
        }
    }

    public List<RecordedInventorySet> inventorySetCalls() {
        synchronized (lock) {
            return List.copyOf(recordedInventorySets);
        }
    }

    public int remainingQuantity(String fulfillmentOrderLineItemGid) {
        synchronized (lock) {
            long id = idOrThrow(fulfillmentOrderLineItemGid, "FulfillmentOrderLineItem");
            for (FoState fo : fulfillmentOrders.values()) {
                for (FoLineState l : fo.lines) {
                    if (l.id == id) {
                        return l.remaining;
                    }
                }
            }
            throw new IllegalArgumentException("no fulfillment order line item " + fulfillmentOrderLineItemGid);
        }
    }

    public String fulfillmentOrderStatus(String fulfillmentOrderGid) {
        synchronized (lock) {
            return fulfillmentOrders.get(idOrThrow(fulfillmentOrderGid, "FulfillmentOrder")).status;
        }
    }

    /** The order's tags, in the order they were added. */
    public List<String> tags(String orderGid) {
        synchronized (lock) {
            return List.copyOf(orders.get(idOrThrow(orderGid, "Order")).tags);
        }
    }

    public boolean isCancelled(String orderGid) {
        synchronized (lock) {
            return orders.get(idOrThrow(orderGid, "Order")).cancelledAt != null;
        }
    }

    public int available(long inventoryItemId, long locationId) {
        synchronized (lock) {
            return levels.get(inventoryItemId + ":" + locationId).available;
        }
    }

    public int onHand(long inventoryItemId, long locationId) {
        synchronized (lock) {
            return levels.get(inventoryItemId + ":" + locationId).onHand;
        }
    }

    // ================================================================== HTTP

    private void handle(HttpExchange x) throws IOException {
        try {
            Instant at;
            synchronized (lock) {
                at = clock.instant();
            }
            String path = x.getRequestURI().getPath();
            Matcher m = PATH.matcher(path);
            String requested = m.matches() ? m.group(1) : null;
            String served = requested == null ? null : servedVersion(requested);
            byte[] body = x.getRequestBody().readAllBytes();
            if (served == null) {
                log(at, requested, null, 404, Outcome.NOT_FOUND, null, Map.of("errors", "Not Found"));
                respond(x, 404, null, Map.of("errors", "Not Found"));
                return;
            }
            Fault fault;
            synchronized (lock) {
                fault = !faults.isEmpty() && !faults.peek().afterApplying() ? faults.poll() : null;
            }
            if (fault != null) {
                Map<String, Object> err = Map.of("errors", reason(fault.status()));
                log(at, requested, served, fault.status(), Outcome.INJECTED_FAILURE, tryRequest(x, body), err);
                if (fault.status() == 429) {
                    x.getResponseHeaders().set("Retry-After", "1.0");
                }
                respond(x, fault.status(), served, err);
                return;
            }
            String token = x.getRequestHeaders().getFirst("X-Shopify-Access-Token");
            if (token == null || !token.equals(accessToken)) {
                Map<String, Object> err = Map.of("errors",
                        "[API] Invalid API key or access token (unrecognized login or wrong password)");
                log(at, requested, served, 401, Outcome.UNAUTHORIZED, tryRequest(x, body), err);
                respond(x, 401, served, err);
                return;
            }
            if (!"POST".equals(x.getRequestMethod())) {
                Map<String, Object> err = Map.of("errors", "This fake serves the Admin GraphQL API over POST only");
                x.getResponseHeaders().add("Allow", "POST");
                log(at, requested, served, 405, Outcome.BAD_REQUEST, null, err);
                respond(x, 405, served, err);
                return;
            }
            String contentType = x.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null && contentType.toLowerCase().startsWith("application/graphql")
                    && FakeShopifySchema.atLeast(served, "2025-01")) {
                // shopify.dev changelog "Content type application/graphql is deprecated": not accepted from 2025-01
                Map<String, Object> err = Map.of("errors", Map.of("query", "Required parameter missing or invalid"));
                log(at, requested, served, 400, Outcome.BAD_REQUEST, null, err);
                respond(x, 400, served, err);
                return;
            }
            Request req = tryRequest(x, body);
            if (req == null || req.query == null || req.query.isBlank()) {
                Map<String, Object> err = Map.of("errors", Map.of("query", "Required parameter missing or invalid"));
                log(at, requested, served, 400, Outcome.BAD_REQUEST, req, err);
                respond(x, 400, served, err);
                return;
            }
            graphql(x, at, requested, served, req, m.group(2) == null && prefersGraphqlResponse(x));
        } catch (RuntimeException | Error e) {
            // a bug in the fake, not a Shopify behaviour: say so loudly
            e.printStackTrace();
            byte[] b = ("{\"errors\":" + toJson("fake Shopify failed: " + e) + "}").getBytes(StandardCharsets.UTF_8);
            try {
                x.sendResponseHeaders(500, b.length);
                x.getResponseBody().write(b);
            } catch (IOException ignored) {
                // headers already sent
            }
        } finally {
            x.close();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 423 -> "Locked";
            default -> "Error " + status;
        };
    }

    private String servedVersion(String requested) {
        synchronized (lock) {
            if ("unstable".equals(requested) || versions.contains(requested)) {
                return requested;
            }
            if (DATED_VERSION.matcher(requested).matches() && !versions.isEmpty()
                    && requested.compareTo(versions.first()) < 0) {
                return versions.first(); // retired version: falls forward to the oldest supported one
            }
            return null;
        }
    }

    private record Request(String query, Map<String, Object> variables, String operationName) {
    }

    @SuppressWarnings("unchecked")
    private static Request tryRequest(HttpExchange x, byte[] body) {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        String text = new String(body, StandardCharsets.UTF_8);
        if (type != null && type.toLowerCase().startsWith("application/graphql")) {
            return new Request(text, Map.of(), null);
        }
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            return null;
        }
        try {
            Map<String, Object> m = Json.parseObject(text);
            Object q = m.get("query");
            Object v = m.get("variables");
            Object op = m.get("operationName");
            if (v instanceof String s && !s.isBlank()) {
                v = Json.parseObject(s);
            }
            if (v != null && !(v instanceof Map) && !(v instanceof String)) {
                return null;
            }
            return new Request(q instanceof String s ? s : null, v instanceof Map ? (Map<String, Object>) v : Map.of(),
                    op instanceof String s ? s : null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * shopify.dev changelog "GraphQL Over HTTP" (2025-01): on {@code /graphql}, a client that prefers
     * {@code application/graphql-response+json} gets 400 when the request fails before execution (bad payload,
     * parse or validation errors); {@code /graphql.json} and {@code application/json} keep answering 200.
     */
    private static boolean prefersGraphqlResponse(HttpExchange x) {
        String accept = x.getRequestHeaders().getFirst("Accept");
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase();
        int gr = a.indexOf(GRAPHQL_RESPONSE);
        int json = a.indexOf("application/json");
        return gr >= 0 && (json < 0 || gr < json);
    }

    private void graphql(HttpExchange x, Instant at, String requested, String served, Request req,
                         boolean graphqlResponse) throws IOException {
        Map<String, Object> response = new LinkedHashMap<>();
        int status = 200;
        Outcome outcome;
        Prepared p = null;
        List<FieldCall> fieldCalls = new ArrayList<>();
        String opType = null;
        String opName = null;
        boolean[] replayed = {false};
        Set<String> deprecations = new LinkedHashSet<>();
        synchronized (lock) {
            refill();
            try {
                p = FakeShopifyExecutor.prepare(FakeShopifySchema.forVersion(served), req.query, req.operationName,
                        req.variables);
                opType = p.op.type();
                opName = p.op.name();
                for (RootField rf : p.rootFields) {
                    fieldCalls.add(new FieldCall(rf.name(), rf.responseKey().equals(rf.name()) ? null : rf.responseKey(),
                            rf.args(), rf.idempotencyKey()));
                }
                int requestedCost = p.requestedCost;
                if (requestedCost > FakeShopifyExecutor.MAX_SINGLE_QUERY_COST) {
                    Map<String, Object> ext = new LinkedHashMap<>();
                    ext.put("code", "MAX_COST_EXCEEDED");
                    ext.put("cost", requestedCost);
                    ext.put("maxCost", FakeShopifyExecutor.MAX_SINGLE_QUERY_COST);
                    ext.put("documentation", RATE_LIMIT_DOCS);
                    response.put("errors", List.of(new GqlError("Query cost is " + requestedCost
                            + ", which exceeds the single query max cost limit (" + FakeShopifyExecutor.MAX_SINGLE_QUERY_COST
                            + ").", null, null, ext).toJson()));
                    response.put("extensions", cost(requestedCost, null));
                    outcome = Outcome.MAX_COST_EXCEEDED;
                } else if (throttleNext > 0 || requestedCost > currentlyAvailable) {
                    if (throttleNext > 0) {
                        throttleNext--;
                    }
                    response.put("errors", List.of(new GqlError("Throttled", null, null,
                            Map.of("code", "THROTTLED", "documentation", RATE_LIMIT_DOCS)).toJson()));
                    response.put("extensions", cost(requestedCost, null));
                    outcome = Outcome.THROTTLED;
                } else {
                    currentlyAvailable -= requestedCost;
                    String version = served;
                    Result r = FakeShopifyExecutor.execute(p, rf -> resolve(rf, version, replayed));
                    currentlyAvailable = Math.min(maximumAvailable, currentlyAvailable + requestedCost - r.actualCost());
                    if (!r.errors().isEmpty()) {
                        response.put("errors", r.errors());
                    }
                    response.put("data", r.data());
                    response.put("extensions", cost(requestedCost, r.actualCost()));
                    outcome = !r.errors().isEmpty() ? Outcome.GRAPHQL_ERRORS
                            : hasUserErrors(r.data()) ? Outcome.USER_ERRORS
                            : replayed[0] ? Outcome.IDEMPOTENT_REPLAY : Outcome.OK;
                    Fault fault = !faults.isEmpty() && faults.peek().afterApplying() ? faults.poll() : null;
                    if (fault != null) {
                        status = fault.status();
                        Map<String, Object> lost = Map.of("errors", reason(status));
                        recordLocked(at, requested, served, status, Outcome.INJECTED_FAILURE_AFTER_APPLYING, opType, opName,
                                req, fieldCalls, lost, p.deprecations);
                        respond(x, status, served, lost);
                        return;
                    }
                }
            } catch (Refused e) {
                fieldCalls.addAll(rootFieldsOf(req));
                List<Map<String, Object>> errs = new ArrayList<>();
                e.errors.forEach(err -> errs.add(err.toJson()));
                response.put("errors", errs);
                response.put("extensions", cost(e.requestedCost, 0));
                outcome = Outcome.GRAPHQL_ERRORS;
                if (graphqlResponse) {
                    status = 400;
                }
            }
            if (p != null) {
                deprecations.addAll(p.deprecations);
            }
            recordLocked(at, requested, served, status, outcome, opType, opName, req, fieldCalls, response, deprecations);
        }
        if (!deprecations.isEmpty()) {
            x.getResponseHeaders().set("X-Shopify-API-Deprecated-Reason", String.join(", ", deprecations));
        }
        if (graphqlResponse) {
            x.getResponseHeaders().set("Content-Type", GRAPHQL_RESPONSE + "; charset=utf-8");
        }
        respond(x, status, served, response);
    }

    /** Best effort, for the log of a refused request: the top-level field names, without arguments. */
    private static List<FieldCall> rootFieldsOf(Request req) {
        List<FieldCall> out = new ArrayList<>();
        try {
            FakeShopifyGraphQL.Document doc = FakeShopifyGraphQL.parse(req.query);
            for (FakeShopifyGraphQL.Operation op : doc.operations()) {
                if (doc.operations().size() == 1 || Objects.equals(op.name(), req.operationName)) {
                    for (FakeShopifyGraphQL.Selection sel : op.selections()) {
                        if (sel instanceof FakeShopifyGraphQL.Field f) {
                            out.add(new FieldCall(f.name(), f.alias(), Map.of(), null));
                        }
                    }
                }
            }
        } catch (GqlError e) {
            // unparseable: nothing to name
        }
        return out;
    }

    private Map<String, Object> cost(int requested, Integer actual) {
        Map<String, Object> throttle = new LinkedHashMap<>();
        throttle.put("maximumAvailable", maximumAvailable);
        throttle.put("currentlyAvailable", (int) Math.floor(currentlyAvailable));
        throttle.put("restoreRate", restoreRate);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("requestedQueryCost", requested);
        c.put("actualQueryCost", actual);
        c.put("throttleStatus", throttle);
        return Map.of("cost", c);
    }

    private void refill() {
        Instant now = clock.instant();
        if (lastRefill == null || now.isBefore(lastRefill)) {
            lastRefill = now;
            return;
        }
        double seconds = Duration.between(lastRefill, now).toNanos() / 1e9;
        currentlyAvailable = Math.min(maximumAvailable, currentlyAvailable + seconds * restoreRate);
        lastRefill = now;
    }

    @SuppressWarnings("unchecked")
    private static boolean hasUserErrors(Map<String, Object> data) {
        for (Object v : data.values()) {
            if (v instanceof Map<?, ?> payload) {
                for (String k : List.of("userErrors", "orderCancelUserErrors")) {
                    if (payload.get(k) instanceof List<?> l && !l.isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Call log(Instant at, String requested, String served, int status, Outcome outcome, Request req,
                        Map<String, Object> response) {
        synchronized (lock) {
            return recordLocked(at, requested, served, status, outcome, null, null, req, List.of(), response, Set.of());
        }
    }

    private Call recordLocked(Instant at, String requested, String served, int status, Outcome outcome, String opType,
                              String opName, Request req, List<FieldCall> fields, Map<String, Object> response,
                              Set<String> deprecations) {
        Call c = new Call(calls.size() + 1, at, requested, served, status, outcome, opType, opName,
                req == null ? null : req.query, req == null ? Map.of() : req.variables, List.copyOf(fields), response,
                List.copyOf(deprecations));
        calls.add(c);
        return c;
    }

    private void respond(HttpExchange x, int status, String servedVersion, Map<String, Object> body) throws IOException {
        byte[] b = toJson(body).getBytes(StandardCharsets.UTF_8);
        if (!x.getResponseHeaders().containsKey("Content-Type")) {
            x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        x.getResponseHeaders().set("X-Request-Id", UUID.randomUUID().toString());
        if (servedVersion != null) {
            x.getResponseHeaders().set("X-Shopify-API-Version", servedVersion);
        }
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    // ================================================================== resolvers

    private Object resolve(RootField rf, String version, boolean[] replayed) {
        Map<String, Object> a = rf.args();
        return switch (rf.name()) {
            case "order" -> {
                OrderState o = orders.get(idOf((String) a.get("id"), "Order"));
                yield o == null ? null : orderObj(o);
            }
            case "fulfillmentOrder" -> {
                FoState fo = fulfillmentOrders.get(idOf((String) a.get("id"), "FulfillmentOrder"));
                yield fo == null ? null : foObj(fo);
            }
            case "location" -> {
                LocationState l = a.get("id") == null ? locations.values().stream().findFirst().orElse(null)
                        : locations.get(idOf((String) a.get("id"), "Location"));
                yield l == null ? null : locationObj(l);
            }
            case "inventoryItem" -> {
                Long id = idOf((String) a.get("id"), "InventoryItem");
                yield id == null || !inventoryItems.containsKey(id) ? null : itemObj(id);
            }
            case "inventoryItems" -> inventoryItemsMatching((String) rf.args().get("query"), rf);
            case "job" -> {
                String id = (String) a.get("id");
                yield jobs.containsKey(id) ? Map.of("id", id, "done", true) : null;
            }
            case "fulfillmentCreate", "fulfillmentCreateV2" -> fulfillmentCreate(rf);
            case "orderCancel" -> orderCancel(rf, version);
            case "refundCreate" -> idempotent(rf, version, replayed, () -> refundCreate(rf));
            case "tagsAdd" -> tagsAdd(rf);
            case "inventorySetQuantities" -> idempotent(rf, version, replayed, () -> inventorySetQuantities(rf, version));
            default -> throw new GqlError("Field '" + rf.name() + "' is not implemented by the fake", rf.loc());
        };
    }

    /**
     * The inventoryItems query's {@code query} argument (shopify.dev "Shopify API search syntax"; the
     * documented filters of inventoryItems are created_at, id, sku, updated_at): this fake understands
     * {@code sku:VALUE} and {@code sku:"VALUE"} terms joined by OR, matching the whole SKU; anything else is
     * refused as not implemented, so a test never passes on a filter the fake silently ignored.
     */
    private List<Object> inventoryItemsMatching(String query, RootField rf) {
        if (query == null || query.isBlank()) {
            return inventoryItems.keySet().stream().map(id -> (Object) itemObj(id)).toList();
        }
        Set<String> skus = new LinkedHashSet<>();
        int i = 0;
        String q = query.strip();
        while (i < q.length()) {
            if (!q.startsWith("sku:", i)) {
                throw new GqlError("The fake understands only sku: terms joined by OR, not: " + q.substring(i), rf.loc());
            }
            i += 4;
            StringBuilder value = new StringBuilder();
            if (i < q.length() && q.charAt(i) == '"') {
                i++;
                while (i < q.length() && q.charAt(i) != '"') {
                    char c = q.charAt(i++);
                    if (c == '\\' && i < q.length()) {
                        c = q.charAt(i++);
                    }
                    value.append(c);
                }
                i++; // the closing quote
            } else {
                while (i < q.length() && q.charAt(i) != ' ') {
                    value.append(q.charAt(i++));
                }
            }
            skus.add(value.toString());
            while (i < q.length() && q.charAt(i) == ' ') {
                i++;
            }
            if (q.startsWith("OR ", i)) {
                i += 3;
            } else if (i < q.length()) {
                throw new GqlError("The fake understands only sku: terms joined by OR, not: " + q.substring(i), rf.loc());
            }
        }
        return inventoryItems.entrySet().stream().filter(e -> e.getValue() != null && skus.contains(e.getValue()))
                .map(e -> (Object) itemObj(e.getKey())).toList();
    }

    // ---- fulfillmentCreate

    @SuppressWarnings("unchecked")
    private Map<String, Object> fulfillmentCreate(RootField rf) {
        Map<String, Object> input = (Map<String, Object>) rf.args().get("fulfillment");
        String message = (String) rf.args().get("message");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) input.get("lineItemsByFulfillmentOrder");
        List<Map<String, Object>> errors = new ArrayList<>();
        Map<FoLineState, Integer> take = new LinkedHashMap<>();
        Map<FoLineState, FoState> owner = new HashMap<>();
        Map<FoLineState, List<String>> fieldOf = new HashMap<>();
        Long orderId = null;
        Long locationId = null;
        if (groups == null || groups.isEmpty()) {
            errors.add(userError(List.of("fulfillment", "lineItemsByFulfillmentOrder"),
                    "At least one fulfillment order is required.", null));
        }
        for (int i = 0; groups != null && i < groups.size(); i++) {
            Map<String, Object> g = groups.get(i);
            List<String> base = List.of("fulfillment", "lineItemsByFulfillmentOrder", String.valueOf(i));
            String foGid = (String) g.get("fulfillmentOrderId");
            FoState fo = fulfillmentOrders.get(idOf(foGid, "FulfillmentOrder"));
            if (fo == null) {
                errors.add(userError(plus(base, "fulfillmentOrderId"), "Fulfillment order " + foGid + " does not exist.", null));
                continue;
            }
            if (orderId == null) {
                orderId = fo.orderId;
                locationId = fo.locationId;
            } else if (fo.orderId != orderId) {
                errors.add(userError(plus(base, "fulfillmentOrderId"),
                        "All fulfillment orders of one fulfillment must belong to the same order.", null));
                continue;
            } else if (fo.locationId != locationId) {
                errors.add(userError(plus(base, "fulfillmentOrderId"),
                        "All fulfillment orders of one fulfillment must be assigned to the same location.", null));
                continue;
            }
            if (!fo.status.equals("OPEN") && !fo.status.equals("IN_PROGRESS")) {
                errors.add(userError(plus(base, "fulfillmentOrderId"), "Fulfillment order " + foGid + " is "
                        + fo.status + " and cannot be fulfilled.", null));
                continue;
            }
            List<Map<String, Object>> lines = (List<Map<String, Object>>) g.get("fulfillmentOrderLineItems");
            if (lines == null || lines.isEmpty()) {
                int before = take.size();
                for (FoLineState l : fo.lines) {
                    if (l.remaining > 0) {
                        take.merge(l, l.remaining, Integer::sum);
                        owner.put(l, fo);
                        fieldOf.put(l, plus(base, "fulfillmentOrderId"));
                    }
                }
                if (take.size() == before) {
                    errors.add(userError(plus(base, "fulfillmentOrderId"), "Fulfillment order " + foGid
                            + " has nothing left to fulfill.", null));
                }
                continue;
            }
            for (int j = 0; j < lines.size(); j++) {
                List<String> lineBase = List.of("fulfillment", "lineItemsByFulfillmentOrder", String.valueOf(i),
                        "fulfillmentOrderLineItems", String.valueOf(j));
                String liGid = (String) lines.get(j).get("id");
                int qty = (Integer) lines.get(j).get("quantity");
                Long liId = idOf(liGid, "FulfillmentOrderLineItem");
                FoLineState line = liId == null ? null : fo.line(liId);
                if (line == null) {
                    errors.add(userError(plus(lineBase, "id"), "Fulfillment order line item " + liGid
                            + " does not belong to fulfillment order " + foGid + ".", null));
                    continue;
                }
                if (qty <= 0) {
                    errors.add(userError(plus(lineBase, "quantity"), "Quantity must be greater than 0.", null));
                    continue;
                }
                take.merge(line, qty, Integer::sum);
                owner.put(line, fo);
                fieldOf.put(line, plus(lineBase, "quantity"));
            }
        }
        for (Map.Entry<FoLineState, Integer> e : take.entrySet()) {
            if (e.getValue() > e.getKey().remaining) {
                errors.add(userError(fieldOf.get(e.getKey()), "Quantity " + e.getValue()
                        + " is more than the " + e.getKey().remaining + " remaining on fulfillment order line item "
                        + gid("FulfillmentOrderLineItem", e.getKey().id) + ".", null));
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        if (!errors.isEmpty()) {
            payload.put("fulfillment", null);
            payload.put("userErrors", errors);
            return payload;
        }
        OrderState order = orders.get(orderId);
        FulfillmentState f = new FulfillmentState(nextId(), orderId, locationId, clock.instant());
        f.name = order.displayName() + "-F" + (order.fulfillmentIds.size() + 1);
        List<FulfilledLine> fulfilled = new ArrayList<>();
        Set<FoState> touched = new LinkedHashSet<>();
        for (Map.Entry<FoLineState, Integer> e : take.entrySet()) {
            FoLineState l = e.getKey();
            l.remaining -= e.getValue();
            FoState fo = owner.get(l);
            touched.add(fo);
            f.lines.add(new FulfillmentLineState(nextId(), l.lineItemId, e.getValue()));
            LineItemState li = order.lineItem(l.lineItemId);
            fulfilled.add(new FulfilledLine(gid("FulfillmentOrder", fo.id), gid("FulfillmentOrderLineItem", l.id),
                    gid("LineItem", li.id), li.sku, e.getValue()));
        }
        for (FoState fo : touched) {
            fo.status = fo.lines.stream().allMatch(l -> l.remaining == 0) ? "CLOSED" : "IN_PROGRESS";
            fo.updatedAt = clock.instant();
        }
        Map<String, Object> tracking = (Map<String, Object>) input.get("trackingInfo");
        List<String> notes = new ArrayList<>();
        String company = tracking == null ? null : (String) tracking.get("company");
        List<String> numbers = listOrOne(tracking, "number", "numbers", notes);
        List<String> urls = listOrOne(tracking, "url", "urls", notes);
        if (tracking != null && tracking.get("url") != null && tracking.get("number") == null) {
            notes.add("url given without number");
        }
        if (tracking != null && tracking.get("urls") != null && tracking.get("numbers") == null) {
            notes.add("urls given without numbers");
        }
        int n = Math.max(numbers.size(), urls.size());
        for (int i = 0; i < n; i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("company", company);
            t.put("number", i < numbers.size() ? numbers.get(i) : null);
            t.put("url", i < urls.size() ? urls.get(i) : null);
            f.tracking.add(t);
        }
        if (n == 0 && company != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("company", company);
            t.put("number", null);
            t.put("url", null);
            f.tracking.add(t);
        }
        fulfillmentsById.put(f.id, f);
        order.fulfillmentIds.add(f.id);
        recordedFulfillments.add(new RecordedFulfillment(gid("Fulfillment", f.id), rf.name(), gid("Order", orderId),
                gid("Location", locationId), List.copyOf(fulfilled), company, numbers, urls,
                Boolean.TRUE.equals(input.get("notifyCustomer")), message, input.get("originAddress"), input,
                List.copyOf(notes)));
        payload.put("fulfillment", fulfillmentObj(f));
        payload.put("userErrors", List.of());
        return payload;
    }

    @SuppressWarnings("unchecked")
    private static List<String> listOrOne(Map<String, Object> tracking, String one, String many, List<String> notes) {
        if (tracking == null) {
            return List.of();
        }
        Object single = tracking.get(one);
        Object list = tracking.get(many);
        if (single != null && list != null) {
            notes.add(one + " and " + many + " both given");
        }
        if (single != null) {
            return List.of((String) single);
        }
        return list == null ? List.of() : List.copyOf((List<String>) list);
    }

    // ---- orderCancel

    @SuppressWarnings("unchecked")
    private Map<String, Object> orderCancel(RootField rf, String version) {
        Map<String, Object> a = rf.args();
        String orderGid = (String) a.get("orderId");
        OrderState o = orders.get(idOf(orderGid, "Order"));
        List<Map<String, Object>> errors = new ArrayList<>();
        Boolean refund = (Boolean) a.get("refund");
        Map<String, Object> refundMethod = (Map<String, Object>) a.get("refundMethod");
        if (o == null) {
            errors.add(userError(List.of("orderId"), "Order " + orderGid + " does not exist.", "NOT_FOUND"));
        } else if (o.cancelledAt != null) {
            errors.add(userError(List.of("orderId"), "Order " + orderGid + " has already been cancelled.", "INVALID"));
        } else if (!o.fulfillmentIds.isEmpty()) {
            errors.add(userError(List.of("orderId"), "Order " + orderGid
                    + " has fulfillments; they must be cancelled before the order can be.", "INVALID"));
        }
        if (FakeShopifySchema.atLeast(version, "2025-07")) {
            if (refund != null && refundMethod != null) {
                errors.add(userError(List.of("refundMethod"), "Give either refundMethod or the deprecated refund, not both.",
                        "INVALID"));
            } else if (refund == null && refundMethod == null) {
                errors.add(userError(List.of("refundMethod"), "refundMethod is required (refund is deprecated).",
                        "INVALID"));
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        if (!errors.isEmpty()) {
            payload.put("job", null);
            payload.put("orderCancelUserErrors", errors);
            payload.put("userErrors", withoutCodes(errors));
            return payload;
        }
        String jobId = "gid://shopify/Job/" + UUID.randomUUID();
        jobs.put(jobId, true);
        o.cancelledAt = clock.instant();
        o.cancelReason = (String) a.get("reason");
        boolean restock = Boolean.TRUE.equals(a.get("restock"));
        for (FoState fo : fulfillmentOrders.values()) {
            if (fo.orderId != o.id || fo.status.equals("CLOSED") || fo.status.equals("CANCELLED")) {
                continue;
            }
            for (FoLineState l : fo.lines) {
                LineItemState li = o.lineItem(l.lineItemId);
                if (restock && li.inventoryItemId != null && l.remaining > 0) {
                    LevelState level = levels.get(li.inventoryItemId + ":" + fo.locationId);
                    if (level != null) {
                        level.available += l.remaining;
                        level.onHand += l.remaining;
                    }
                }
            }
            fo.status = "CLOSED";
            fo.updatedAt = clock.instant();
        }
        recordedCancellations.add(new RecordedCancellation(gid("Order", o.id), o.cancelReason, refund, refundMethod,
                restock, (Boolean) a.get("notifyCustomer"), (String) a.get("staffNote"), jobId, a));
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", jobId);
        job.put("done", false);
        payload.put("job", job);
        payload.put("orderCancelUserErrors", List.of());
        payload.put("userErrors", List.of());
        return payload;
    }

    // ---- tagsAdd

    /**
     * shopify.dev tagsAdd: tags is a list, each entry possibly "a, b" (a comma-separated list); tags the
     * resource already has are kept once. Only orders are taggable here: any other id is not found.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> tagsAdd(RootField rf) {
        String id = (String) rf.args().get("id");
        Long orderId = idOf(id, "Order");
        OrderState o = orderId == null ? null : orders.get(orderId);
        Map<String, Object> payload = new LinkedHashMap<>();
        if (o == null) {
            payload.put("node", null);
            payload.put("userErrors", List.of(userError(List.of("id"), "Resource " + id + " not found.", null)));
            return payload;
        }
        for (String entry : (List<String>) rf.args().get("tags")) {
            for (String tag : entry.split(",")) {
                String t = tag.strip();
                if (!t.isEmpty() && !o.tags.contains(t)) {
                    o.tags.add(t);
                }
            }
        }
        payload.put("node", Map.of("id", gid("Order", o.id)));
        payload.put("userErrors", List.of());
        return payload;
    }

    // ---- idempotency (refundCreate, inventorySetQuantities)

    private record IdempotentResult(String field, Map<String, Object> args, Map<String, Object> payload) {
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> idempotent(RootField rf, String version, boolean[] replayed,
                                           Supplier<Map<String, Object>> run) {
        if (rf.name().equals("refundCreate") && FakeShopifySchema.atLeast(version, "2026-04")
                && !rf.hasDirective("idempotent")) {
            throw new GqlError("refundCreate requires an idempotency key from API version 2026-04: add "
                    + "@idempotent(key: \"...\") to the field.", rf.loc());
        }
        String key = rf.idempotencyKey();
        if (key == null) {
            return run.get();
        }
        IdempotentResult earlier = idempotency.get(rf.name() + "\n" + key);
        if (earlier != null) {
            if (earlier.args().equals(rf.args())) {
                replayed[0] = true;
                return earlier.payload();
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            boolean inventory = rf.name().equals("inventorySetQuantities");
            payload.put(inventory ? "inventoryAdjustmentGroup" : "refund", null);
            if (!inventory) {
                payload.put("order", null);
            }
            payload.put("userErrors", List.of(userError(null,
                    "The same idempotency key cannot be used with different operation parameters.",
                    inventory ? "IDEMPOTENCY_KEY_PARAMETER_MISMATCH" : null, inventory)));
            return payload;
        }
        Map<String, Object> payload = run.get();
        if (payload.get("userErrors") instanceof List<?> l && l.isEmpty()) {
            idempotency.put(rf.name() + "\n" + key, new IdempotentResult(rf.name(), rf.args(), payload));
        }
        return payload;
    }

    // ---- refundCreate

    @SuppressWarnings("unchecked")
    private Map<String, Object> refundCreate(RootField rf) {
        Map<String, Object> input = (Map<String, Object>) rf.args().get("input");
        String orderGid = (String) input.get("orderId");
        OrderState o = orders.get(idOf(orderGid, "Order"));
        List<Map<String, Object>> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Object> payload = new LinkedHashMap<>();
        if (o == null) {
            errors.add(userError(List.of("orderId"), "Order " + orderGid + " does not exist.", null));
            payload.put("order", null);
            payload.put("refund", null);
            payload.put("userErrors", errors);
            return payload;
        }
        boolean allowOver = Boolean.TRUE.equals(input.get("allowOverRefunding"));
        List<Map<String, Object>> lines = input.get("refundLineItems") == null ? List.of()
                : (List<Map<String, Object>>) input.get("refundLineItems");
        Map<LineItemState, Integer> units = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> l = lines.get(i);
            List<String> base = List.of("refundLineItems", String.valueOf(i));
            Long liId = idOf((String) l.get("lineItemId"), "LineItem");
            LineItemState li = liId == null ? null : o.lineItem(liId);
            int qty = (Integer) l.get("quantity");
            String restockType = (String) l.get("restockType");
            if (li == null) {
                errors.add(userError(plus(base, "lineItemId"), "Line item " + l.get("lineItemId")
                        + " does not belong to order " + orderGid + ".", null));
                continue;
            }
            if (qty <= 0) {
                errors.add(userError(plus(base, "quantity"), "Quantity must be greater than 0.", null));
                continue;
            }
            if ("LEGACY_RESTOCK".equals(restockType)) {
                errors.add(userError(plus(base, "restockType"),
                        "LEGACY_RESTOCK is not accepted when creating a refund; use RETURN, CANCEL or NO_RESTOCK.", null));
            }
            if (l.get("locationId") != null && !locations.containsKey(idOf((String) l.get("locationId"), "Location"))) {
                errors.add(userError(plus(base, "locationId"), "Location " + l.get("locationId") + " does not exist.", null));
            }
            int total = units.merge(li, qty, Integer::sum);
            if (total > li.quantity - li.refundedQuantity) {
                errors.add(userError(plus(base, "quantity"), "Cannot refund " + total + " of line item " + gid("LineItem", li.id)
                        + ": " + (li.quantity - li.refundedQuantity) + " left to refund.", null));
            }
        }
        Map<String, Object> shipping = (Map<String, Object>) input.get("shipping");
        BigDecimal shippingAmount = BigDecimal.ZERO;
        if (shipping != null) {
            BigDecimal left = o.shipping.subtract(o.shippingRefunded);
            shippingAmount = shipping.get("amount") != null ? new BigDecimal((String) shipping.get("amount"))
                    : Boolean.TRUE.equals(shipping.get("fullRefund")) ? left : BigDecimal.ZERO;
            if (shippingAmount.compareTo(left) > 0) {
                errors.add(userError(List.of("shipping", "amount"), "Shipping refund " + shippingAmount
                        + " is more than the " + left + " of shipping left to refund.", null));
            }
        }
        List<Map<String, Object>> txs = input.get("transactions") == null ? List.of()
                : (List<Map<String, Object>>) input.get("transactions");
        BigDecimal money = BigDecimal.ZERO;
        Map<TransactionState, BigDecimal> perParent = new HashMap<>();
        for (int i = 0; i < txs.size(); i++) {
            Map<String, Object> t = txs.get(i);
            List<String> base = List.of("transactions", String.valueOf(i));
            BigDecimal amount = new BigDecimal((String) t.get("amount"));
            if (!Objects.equals(t.get("orderId"), orderGid)) {
                errors.add(userError(plus(base, "orderId"), "Transaction order " + t.get("orderId")
                        + " is not the refunded order " + orderGid + ".", null));
            }
            if (!"REFUND".equals(t.get("kind"))) {
                errors.add(userError(plus(base, "kind"), "A refund transaction must be of kind REFUND, not "
                        + t.get("kind") + ".", null));
            }
            if (amount.signum() <= 0) {
                errors.add(userError(plus(base, "amount"), "Amount must be greater than 0.", null));
            }
            if (t.get("parentId") != null) {
                Long pid = idOf((String) t.get("parentId"), "OrderTransaction");
                TransactionState parent = o.transactions.stream().filter(x -> pid != null && x.id == pid
                        && (x.kind.equals("SALE") || x.kind.equals("CAPTURE"))).findFirst().orElse(null);
                if (parent == null) {
                    errors.add(userError(plus(base, "parentId"), "Parent transaction " + t.get("parentId")
                            + " is not a sale or capture of order " + orderGid + ".", null));
                } else {
                    BigDecimal sum = perParent.merge(parent, amount, BigDecimal::add);
                    BigDecimal left = parent.amount.subtract(o.refundedFrom(parent.id));
                    if (sum.compareTo(left) > 0 && !allowOver) {
                        errors.add(userError(plus(base, "amount"), "Refund of " + sum + " from transaction "
                                + t.get("parentId") + " is more than the " + left + " left on it.", null));
                    }
                }
            }
            money = money.add(amount);
        }
        BigDecimal refundable = o.captured().subtract(o.refunded());
        if (money.compareTo(refundable) > 0 && !allowOver) {
            errors.add(userError(List.of("transactions"), "Refund amount " + money + " is more than the " + refundable
                    + " paid and not yet refunded.", null));
        }
        if (!errors.isEmpty()) {
            payload.put("order", null);
            payload.put("refund", null);
            payload.put("userErrors", errors);
            return payload;
        }
        RefundState r = new RefundState(nextId(), o.id, clock.instant(), (String) input.get("note"));
        for (Map<String, Object> l : lines) {
            LineItemState li = o.lineItem(idOf((String) l.get("lineItemId"), "LineItem"));
            int qty = (Integer) l.get("quantity");
            String restockType = l.get("restockType") == null ? "NO_RESTOCK" : (String) l.get("restockType");
            Long locId = l.get("locationId") == null ? null : idOf((String) l.get("locationId"), "Location");
            li.refundedQuantity += qty;
            boolean restocked = false;
            if (restockType.equals("CANCEL")) {
                int unfulfilled = 0;
                int left = qty;
                for (FoState fo : fulfillmentOrders.values()) {
                    if (fo.orderId != o.id) {
                        continue;
                    }
                    for (FoLineState fl : fo.lines) {
                        if (fl.lineItemId == li.id && left > 0) {
                            int cut = Math.min(left, fl.remaining);
                            unfulfilled += fl.remaining;
                            fl.remaining -= cut;
                            left -= cut;
                            if (locId == null && cut > 0) {
                                locId = fo.locationId;
                            }
                        }
                    }
                    if (fo.lines.stream().allMatch(x -> x.remaining == 0) && !fo.status.equals("CLOSED")) {
                        fo.status = "CLOSED";
                    }
                }
                if (qty > unfulfilled) {
                    notes.add("CANCEL for " + qty + " of " + gid("LineItem", li.id) + " but only " + unfulfilled
                            + " unfulfilled (RETURN is for fulfilled units)");
                }
            } else if (restockType.equals("RETURN") && li.fulfilledQuantity(this) < qty) {
                notes.add("RETURN for " + qty + " of " + gid("LineItem", li.id) + " but only " + li.fulfilledQuantity(this)
                        + " fulfilled (CANCEL is for unfulfilled units)");
            }
            if (!restockType.equals("NO_RESTOCK") && locId != null && li.inventoryItemId != null) {
                LevelState level = levels.get(li.inventoryItemId + ":" + locId);
                if (level != null) {
                    level.available += qty;
                    level.onHand += qty;
                    restocked = true;
                }
            }
            r.lines.add(new RefundLineState(nextId(), li.id, qty, restockType, restocked, locId));
        }
        o.shippingRefunded = o.shippingRefunded.add(shippingAmount);
        for (Map<String, Object> t : txs) {
            Long pid = t.get("parentId") == null ? null : idOf((String) t.get("parentId"), "OrderTransaction");
            TransactionState tx = new TransactionState(nextId(), "REFUND", (String) t.get("gateway"),
                    new BigDecimal((String) t.get("amount")), pid, clock.instant());
            o.transactions.add(tx);
            r.transactions.add(tx);
        }
        r.total = money;
        refundsById.put(r.id, r);
        o.refundIds.add(r.id);
        recordedRefunds.add(new RecordedRefund(gid("Refund", r.id), orderGid, lines,
                shipping, txs, (Boolean) input.get("notify"), (String) input.get("note"), rf.idempotencyKey(),
                money.toPlainString(), input, List.copyOf(notes)));
        payload.put("order", orderObj(o));
        payload.put("refund", refundObj(r));
        payload.put("userErrors", List.of());
        return payload;
    }

    // ---- inventorySetQuantities

    @SuppressWarnings("unchecked")
    private Map<String, Object> inventorySetQuantities(RootField rf, String version) {
        Map<String, Object> input = (Map<String, Object>) rf.args().get("input");
        String name = (String) input.get("name");
        String reason = (String) input.get("reason");
        List<Map<String, Object>> errors = new ArrayList<>();
        if (!"available".equals(name) && !"on_hand".equals(name)) {
            errors.add(inventoryError(List.of("input", "name"), "The quantity name must be available or on_hand, not "
                    + name + ".", "INVALID_NAME"));
        }
        if (!INVENTORY_REASONS.contains(reason)) {
            errors.add(inventoryError(List.of("input", "reason"), "Unknown reason " + reason + ".", "INVALID_REASON"));
        }
        Object ref = input.get("referenceDocumentUri");
        if (ref != null && !validUri((String) ref)) {
            errors.add(inventoryError(List.of("input", "referenceDocumentUri"), "Reference document " + ref
                    + " is not a URI.", "INVALID_REFERENCE_DOCUMENT"));
        }
        boolean ignoreCompare = Boolean.TRUE.equals(input.get("ignoreCompareQuantity"));

        boolean v2601 = FakeShopifySchema.atLeast(version, "2026-01");
        boolean v2604 = FakeShopifySchema.atLeast(version, "2026-04");
        List<Map<String, Object>> quantities = (List<Map<String, Object>>) input.get("quantities");
        Set<String> seen = new LinkedHashSet<>();
        List<Object[]> apply = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            Map<String, Object> q = quantities.get(i);
            List<String> base = List.of("input", "quantities", String.valueOf(i));
            Long itemId = idOf((String) q.get("inventoryItemId"), "InventoryItem");
            Long locId = idOf((String) q.get("locationId"), "Location");
            int quantity = (Integer) q.get("quantity");
            if (itemId == null || !inventoryItems.containsKey(itemId)) {
                errors.add(inventoryError(plus(base, "inventoryItemId"), "Inventory item " + q.get("inventoryItemId")
                        + " does not exist.", "INVALID_INVENTORY_ITEM"));
                continue;
            }
            if (locId == null || !locations.containsKey(locId)) {
                errors.add(inventoryError(plus(base, "locationId"), "Location " + q.get("locationId") + " does not exist.",
                        "INVALID_LOCATION"));
                continue;
            }
            LevelState level = levels.get(itemId + ":" + locId);
            if (level == null) {
                errors.add(inventoryError(plus(base, "locationId"), "Inventory item " + q.get("inventoryItemId")
                        + " is not stocked at " + q.get("locationId") + ".", "ITEM_NOT_STOCKED_AT_LOCATION"));
                continue;
            }
            if (!seen.add(itemId + ":" + locId)) {
                errors.add(inventoryError(base, "Inventory item and location pair given twice.",
                        "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR"));
                continue;
            }
            if (quantity < 0) {
                errors.add(inventoryError(plus(base, "quantity"), "The quantity can't be negative.",
                        "INVALID_QUANTITY_NEGATIVE"));
                continue;
            }
            if (quantity > 1_000_000_000) {
                errors.add(inventoryError(plus(base, "quantity"), "The quantity can't be higher than 1,000,000,000.",
                        "INVALID_QUANTITY_TOO_HIGH"));
                continue;
            }
            int current = "on_hand".equals(name) ? level.onHand : level.available;
            if (v2604 && !q.containsKey("changeFromQuantity")) {
                errors.add(inventoryError(plus(base, "changeFromQuantity"), "changeFromQuantity must be given for each "
                        + "quantity from 2026-04 (null to skip the check).", null));
                continue;
            }
            if (v2601 && q.containsKey("changeFromQuantity")) {
                Integer from = (Integer) q.get("changeFromQuantity");
                if (from != null && from != current) {
                    errors.add(inventoryError(plus(base, "changeFromQuantity"), "changeFromQuantity " + from
                            + " does not match the current quantity " + current + ".", "CHANGE_FROM_QUANTITY_STALE"));
                    continue;
                }
            } else if (!ignoreCompare) {
                Integer compare = (Integer) q.get("compareQuantity");
                if (compare == null) {
                    errors.add(inventoryError(plus(base, "compareQuantity"), "compareQuantity is required unless "
                            + "ignoreCompareQuantity is true.", "COMPARE_QUANTITY_REQUIRED"));
                    continue;
                }
                if (compare != current) {
                    errors.add(inventoryError(plus(base, "compareQuantity"), "compareQuantity " + compare
                            + " does not match the current quantity " + current + ".", "COMPARE_QUANTITY_STALE"));
                    continue;
                }
            }
            apply.add(new Object[] {level, quantity, current});
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        int seq = calls.size() + 1;
        if (!errors.isEmpty()) {
            recordedInventorySets.add(new RecordedInventorySet(seq, version, input, rf.idempotencyKey(), errors, false));
            payload.put("inventoryAdjustmentGroup", null);
            payload.put("userErrors", errors);
            return payload;
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Object[] a : apply) {
            LevelState level = (LevelState) a[0];
            int quantity = (Integer) a[1];
            int delta = quantity - (Integer) a[2];
            level.available += delta;
            level.onHand += delta;
            changes.add(change(name, delta, quantity, level));
            String other = "available".equals(name) ? "on_hand" : "available";
            changes.add(change(other, delta, "available".equals(name) ? level.onHand : level.available, level));
        }
        recordedInventorySets.add(new RecordedInventorySet(seq, version, input, rf.idempotencyKey(), List.of(), true));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("id", gid("InventoryAdjustmentGroup", nextId()));
        group.put("createdAt", clock.instant().toString());
        group.put("reason", reason);
        group.put("referenceDocumentUri", ref);
        group.put("changes", (ArgField) args -> changes.stream().filter(c -> {
            List<String> names = (List<String>) args.get("quantityNames");
            return names == null || names.contains((String) c.get("name"));
        }).toList());
        payload.put("inventoryAdjustmentGroup", group);
        payload.put("userErrors", List.of());
        return payload;
    }

    private Map<String, Object> change(String name, int delta, int after, LevelState level) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("delta", delta);
        c.put("quantityAfterChange", after);
        c.put("item", (Supplier<Object>) () -> itemObj(level.itemId));
        c.put("location", (Supplier<Object>) () -> locationObj(locations.get(level.locationId)));
        return c;
    }

    private static boolean validUri(String s) {
        try {
            return new URI(s).getScheme() != null;
        } catch (Exception e) {
            return false;
        }
    }

    // ================================================================== raw objects for the executor

    private Map<String, Object> locationObj(LocationState l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", gid("Location", l.id));
        m.put("name", l.name);
        return m;
    }

    private Map<String, Object> money(BigDecimal amount, String currency) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("amount", amount.toPlainString());
        v.put("currencyCode", currency);
        Map<String, Object> bag = new LinkedHashMap<>();
        bag.put("shopMoney", v);
        bag.put("presentmentMoney", v);
        return bag;
    }

    private Map<String, Object> lineItemObj(OrderState o, LineItemState li) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", gid("LineItem", li.id));
        m.put("sku", li.sku);
        m.put("name", li.sku == null ? "Item " + li.id : li.sku);
        m.put("title", li.sku == null ? "Item " + li.id : li.sku);
        m.put("quantity", li.quantity);
        m.put("currentQuantity", li.quantity - li.refundedQuantity);
        m.put("refundableQuantity", li.quantity - li.refundedQuantity);
        m.put("unfulfilledQuantity", li.unfulfilledQuantity(this));
        m.put("originalUnitPriceSet", money(li.unitPrice, o.currency));
        return m;
    }

    private Map<String, Object> foObj(FoState fo) {
        OrderState o = orders.get(fo.orderId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", gid("FulfillmentOrder", fo.id));
        m.put("status", fo.status);
        m.put("orderId", gid("Order", fo.orderId));
        m.put("order", (Supplier<Object>) () -> orderObj(o));
        Map<String, Object> assigned = new LinkedHashMap<>();
        LocationState loc = locations.get(fo.locationId);
        assigned.put("location", locationObj(loc));
        assigned.put("name", loc.name);
        m.put("assignedLocation", assigned);
        m.put("createdAt", fo.createdAt.toString());
        m.put("updatedAt", fo.updatedAt.toString());
        List<Object> lines = new ArrayList<>();
        for (FoLineState l : fo.lines) {
            LineItemState li = o.lineItem(l.lineItemId);
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("id", gid("FulfillmentOrderLineItem", l.id));
            lm.put("remainingQuantity", l.remaining);
            lm.put("totalQuantity", l.total);
            lm.put("sku", li.sku);
            lm.put("productTitle", li.sku == null ? "Item " + li.id : li.sku);
            lm.put("inventoryItemId", li.inventoryItemId == null ? null : gid("InventoryItem", li.inventoryItemId));
            lm.put("lineItem", (Supplier<Object>) () -> lineItemObj(o, li));
            lines.add(lm);
        }
        m.put("lineItems", lines);
        return m;
    }

    private Map<String, Object> fulfillmentObj(FulfillmentState f) {
        OrderState o = orders.get(f.orderId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", gid("Fulfillment", f.id));
        m.put("name", f.name);
        m.put("status", "SUCCESS");
        m.put("createdAt", f.createdAt.toString());
        m.put("trackingInfo", new ArrayList<>(f.tracking));
        m.put("order", (Supplier<Object>) () -> orderObj(o));
        m.put("location", locationObj(locations.get(f.locationId)));
        List<Object> lines = new ArrayList<>();
        for (FulfillmentLineState l : f.lines) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("id", gid("FulfillmentLineItem", l.id));
            lm.put("quantity", l.quantity);
            lm.put("lineItem", (Supplier<Object>) () -> lineItemObj(o, o.lineItem(l.lineItemId)));
            lines.add(lm);
        }
        m.put("fulfillmentLineItems", lines);
        return m;
    }

    private Map<String, Object> transactionObj(OrderState o, TransactionState t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", gid("OrderTransaction", t.id));
        m.put("kind", t.kind);
        m.put("status", "SUCCESS");
        m.put("gateway", t.gateway);
        m.put("amountSet", money(t.amount, o.currency));
        m.put("createdAt", t.createdAt.toString());
        m.put("parentTransaction", (Supplier<Object>) () -> o.transactions.stream()
                .filter(x -> t.parentId != null && x.id == t.parentId).findFirst().map(x -> transactionObj(o, x)).orElse(null));
        return m;
    }

    private Map<String, Object> refundObj(RefundState r) {
        OrderState o = orders.get(r.orderId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", gid("Refund", r.id));
        m.put("createdAt", r.createdAt.toString());
        m.put("note", r.note);
        m.put("totalRefundedSet", money(r.total, o.currency));
        m.put("order", (Supplier<Object>) () -> orderObj(o));
        List<Object> lines = new ArrayList<>();
        for (RefundLineState l : r.lines) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("id", gid("RefundLineItem", l.id));
            lm.put("quantity", l.quantity);
            lm.put("restockType", l.restockType);
            lm.put("restocked", l.restocked);
            lm.put("lineItem", (Supplier<Object>) () -> lineItemObj(o, o.lineItem(l.lineItemId)));
            lm.put("location", l.locationId == null ? null : locationObj(locations.get(l.locationId)));
            lines.add(lm);
        }
        m.put("refundLineItems", lines);
        List<Object> txs = new ArrayList<>();
        r.transactions.forEach(t -> txs.add(transactionObj(o, t)));
        m.put("transactions", txs);
        return m;
    }

    private Map<String, Object> orderObj(OrderState o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", gid("Order", o.id));
        m.put("name", o.displayName());
        m.put("createdAt", o.createdAt.toString());
        m.put("cancelledAt", o.cancelledAt == null ? null : o.cancelledAt.toString());
        m.put("cancelReason", o.cancelReason);
        m.put("closed", o.cancelledAt != null);
        m.put("currencyCode", o.currency);
        m.put("tags", List.copyOf(o.tags));
        m.put("displayFulfillmentStatus", o.displayFulfillmentStatus(this));
        m.put("displayFinancialStatus", o.displayFinancialStatus());
        m.put("totalRefundedSet", money(o.refunded(), o.currency));
        m.put("lineItems", (Supplier<Object>) () -> o.lineItems.stream().map(li -> (Object) lineItemObj(o, li)).toList());
        m.put("fulfillmentOrders", (Supplier<Object>) () -> fulfillmentOrders.values().stream()
                .filter(fo -> fo.orderId == o.id).map(fo -> (Object) foObj(fo)).toList());
        m.put("fulfillments", (Supplier<Object>) () -> o.fulfillmentIds.stream()
                .map(id -> (Object) fulfillmentObj(fulfillmentsById.get(id))).toList());
        m.put("refunds", (Supplier<Object>) () -> o.refundIds.stream().map(id -> (Object) refundObj(refundsById.get(id))).toList());
        m.put("transactions", (Supplier<Object>) () -> o.transactions.stream().map(t -> (Object) transactionObj(o, t)).toList());
        return m;
    }

    private Map<String, Object> itemObj(long id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", gid("InventoryItem", id));
        m.put("sku", inventoryItems.get(id));
        m.put("tracked", true);
        m.put("inventoryLevel", (ArgField) args -> {
            Long loc = idOf((String) args.get("locationId"), "Location");
            LevelState level = levels.get(id + ":" + loc);
            return level == null ? null : levelObj(level);
        });
        return m;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> levelObj(LevelState level) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "gid://shopify/InventoryLevel/" + level.itemId + "?inventory_item_id=" + level.itemId);
        m.put("item", (Supplier<Object>) () -> itemObj(level.itemId));
        m.put("location", locationObj(locations.get(level.locationId)));
        m.put("quantities", (ArgField) args -> {
            List<Object> out = new ArrayList<>();
            for (String n : (List<String>) args.get("names")) {
                Integer q = switch (n) {
                    case "available" -> level.available;
                    case "on_hand" -> level.onHand;
                    case "committed", "reserved", "incoming", "damaged", "quality_control", "safety_stock" -> 0;
                    default -> null;
                };
                if (q != null) {
                    out.add(Map.of("name", n, "quantity", q));
                }
            }
            return out;
        });
        return m;
    }

    // ================================================================== helpers

    private long nextId() {
        return nextGeneratedId++;
    }

    private static List<String> plus(List<String> base, String... more) {
        List<String> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }

    /** A UserError (code null) or OrderCancelUserError-shaped map; field may be null. */
    private static Map<String, Object> userError(List<String> field, String message, String code) {
        return userError(field, message, code, code != null);
    }

    private static Map<String, Object> userError(List<String> field, String message, String code, boolean withCode) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("message", message);
        if (withCode) {
            e.put("code", code);
        }
        return e;
    }

    private static Map<String, Object> inventoryError(List<String> field, String message, String code) {
        return userError(field, message, code, true);
    }

    private static List<Map<String, Object>> withoutCodes(List<Map<String, Object>> errors) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : errors) {
            Map<String, Object> c = new LinkedHashMap<>(e);
            c.remove("code");
            out.add(c);
        }
        return out;
    }

    /**
     * The numeric id of a {@code gid://shopify/Type/N}; null when it is a well-formed gid of another type (so the
     * caller answers "does not exist"); a GraphQL error when it is not a global id at all.
     */
    static Long idOf(String gid, String type) {
        if (gid == null) {
            return null;
        }
        Matcher m = GID.matcher(gid);
        if (!m.matches()) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("code", "argumentLiteralsIncompatible");
            ext.put("typeName", "CoercionError");
            throw new GqlError("Invalid global id '" + gid + "'", null, null, ext);
        }
        return m.group(1).equals(type) ? Long.parseLong(m.group(2)) : null;
    }

    private static long idOrThrow(String gid, String type) {
        Long id = idOf(gid, type);
        if (id == null) {
            throw new IllegalArgumentException(gid + " is not a " + type + " gid");
        }
        return id;
    }

    /** JSON with nulls kept (GraphQL responses mean them); numbers as given. */
    static String toJson(Object v) {
        StringBuilder b = new StringBuilder();
        writeJson(b, v);
        return b.toString();
    }

    private static void writeJson(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            b.append(v);
        } else if (v instanceof BigDecimal d) {
            b.append(d.toPlainString());
        } else if (v instanceof Double d) {
            b.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
        } else if (v instanceof Number n) {
            b.append(n);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                writeJson(b, String.valueOf(e.getKey()));
                b.append(':');
                writeJson(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Iterable<?> it) {
            b.append('[');
            boolean first = true;
            for (Object o : it) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                writeJson(b, o);
            }
            b.append(']');
        } else {
            writeJson(b, String.valueOf(v));
        }
    }

    // ================================================================== state

    private static final class LocationState {
        final long id;
        final String name;

        LocationState(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private static final class LineItemState {
        final long id;
        final String sku;
        final int quantity;
        final BigDecimal unitPrice;
        final Long inventoryItemId;
        int refundedQuantity;

        LineItemState(long id, String sku, int quantity, BigDecimal unitPrice, Long inventoryItemId) {
            this.id = id;
            this.sku = sku;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
            this.inventoryItemId = inventoryItemId;
        }

        int fulfilledQuantity(FakeShopifyAdmin shop) {
            int n = 0;
            for (FulfillmentState f : shop.fulfillmentsById.values()) {
                for (FulfillmentLineState l : f.lines) {
                    if (l.lineItemId == id) {
                        n += l.quantity;
                    }
                }
            }
            return n;
        }

        int unfulfilledQuantity(FakeShopifyAdmin shop) {
            int n = 0;
            for (FoState fo : shop.fulfillmentOrders.values()) {
                for (FoLineState l : fo.lines) {
                    if (l.lineItemId == id && !fo.status.equals("CLOSED") && !fo.status.equals("CANCELLED")) {
                        n += l.remaining;
                    }
                }
            }
            return n;
        }
    }

    private static final class TransactionState {
        final long id;
        final String kind;
        final String gateway;
        final BigDecimal amount;
        final Long parentId;
        final Instant createdAt;

        TransactionState(long id, String kind, String gateway, BigDecimal amount, Long parentId, Instant createdAt) {
            this.id = id;
            this.kind = kind;
            this.gateway = gateway;
            this.amount = amount;
            this.parentId = parentId;
            this.createdAt = createdAt;
        }
    }

    private static final class OrderState {
        final long id;
        final Instant createdAt;
        String name;
        String currency = "USD";
        Instant cancelledAt;
        String cancelReason;
        BigDecimal shipping = BigDecimal.ZERO;
        BigDecimal shippingRefunded = BigDecimal.ZERO;
        final List<LineItemState> lineItems = new ArrayList<>();
        final List<TransactionState> transactions = new ArrayList<>();
        final List<Long> fulfillmentIds = new ArrayList<>();
        final List<Long> refundIds = new ArrayList<>();
        final List<String> tags = new ArrayList<>();

        OrderState(long id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }

        String displayName() {
            return name != null ? name : "#" + id;
        }

        LineItemState lineItem(long lineItemId) {
            for (LineItemState li : lineItems) {
                if (li.id == lineItemId) {
                    return li;
                }
            }
            return null;
        }

        BigDecimal captured() {
            return transactions.stream().filter(t -> t.kind.equals("SALE") || t.kind.equals("CAPTURE"))
                    .map(t -> t.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal refunded() {
            return transactions.stream().filter(t -> t.kind.equals("REFUND")).map(t -> t.amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal refundedFrom(long parentId) {
            return transactions.stream().filter(t -> t.kind.equals("REFUND") && t.parentId != null && t.parentId == parentId)
                    .map(t -> t.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        String displayFulfillmentStatus(FakeShopifyAdmin shop) {
            int fulfilled = 0;
            int open = 0;
            for (LineItemState li : lineItems) {
                fulfilled += li.fulfilledQuantity(shop);
                open += li.unfulfilledQuantity(shop);
            }
            if (fulfilled == 0) {
                return "UNFULFILLED";
            }
            return open == 0 ? "FULFILLED" : "PARTIALLY_FULFILLED";
        }

        String displayFinancialStatus() {
            BigDecimal paid = captured();
            if (paid.signum() == 0) {
                return transactions.stream().anyMatch(t -> t.kind.equals("AUTHORIZATION")) ? "AUTHORIZED" : "PENDING";
            }
            BigDecimal refunded = refunded();
            if (refunded.compareTo(paid) >= 0) {
                return "REFUNDED";
            }
            return refunded.signum() > 0 ? "PARTIALLY_REFUNDED" : "PAID";
        }
    }

    private static final class FoState {
        final long id;
        final long orderId;
        final long locationId;
        final Instant createdAt;
        Instant updatedAt;
        String status = "OPEN";
        final List<FoLineState> lines = new ArrayList<>();

        FoState(long id, long orderId, long locationId, Instant createdAt) {
            this.id = id;
            this.orderId = orderId;
            this.locationId = locationId;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        FoLineState line(long lineId) {
            for (FoLineState l : lines) {
                if (l.id == lineId) {
                    return l;
                }
            }
            return null;
        }
    }

    private static final class FoLineState {
        final long id;
        final long lineItemId;
        final int total;
        int remaining;

        FoLineState(long id, long lineItemId, int total, int remaining) {
            this.id = id;
            this.lineItemId = lineItemId;
            this.total = total;
            this.remaining = remaining;
        }
    }

    private static final class FulfillmentState {
        final long id;
        final long orderId;
        final long locationId;
        final Instant createdAt;
        String name;
        final List<Map<String, Object>> tracking = new ArrayList<>();
        final List<FulfillmentLineState> lines = new ArrayList<>();

        FulfillmentState(long id, long orderId, long locationId, Instant createdAt) {
            this.id = id;
            this.orderId = orderId;
            this.locationId = locationId;
            this.createdAt = createdAt;
        }
    }

    private record FulfillmentLineState(long id, long lineItemId, int quantity) {
    }

    private static final class RefundState {
        final long id;
        final long orderId;
        final Instant createdAt;
        final String note;
        BigDecimal total = BigDecimal.ZERO;
        final List<RefundLineState> lines = new ArrayList<>();
        final List<TransactionState> transactions = new ArrayList<>();

        RefundState(long id, long orderId, Instant createdAt, String note) {
            this.id = id;
            this.orderId = orderId;
            this.createdAt = createdAt;
            this.note = note;
        }
    }

    private record RefundLineState(long id, long lineItemId, int quantity, String restockType, boolean restocked,
                                   Long locationId) {
    }

    private static final class LevelState {
        final long itemId;
        final long locationId;
        int available;
        int onHand;

        LevelState(long itemId, long locationId, int available, int onHand) {
            this.itemId = itemId;
            this.locationId = locationId;
            this.available = available;
            this.onHand = onHand;
        }
    }
}
