package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.integer;
import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.json.Json;
import orderflow.shared.ports.ChannelClient;

/**
 * Shopify's GraphQL Admin API (POST {shop}/admin/api/{version}/graphql.json, header
 * X-Shopify-Access-Token). A shipment becomes one fulfillment: first the order's fulfillment orders
 * and existing fulfillments are read (a fulfillment already carrying our tracking number means an
 * earlier call went through: Done without a second one), then the notice's lines are placed on the
 * open fulfillment order line items and fulfillmentCreate is called with the tracking info.
 *
 * <p>Settings: shopDomain (used when the link has no baseUrl), apiVersion (default
 * {@value #DEFAULT_API_VERSION}), notifyCustomer (default true). Secret: accessToken.
 * Needs the read_orders, read_merchant_managed_fulfillment_orders and
 * write_merchant_managed_fulfillment_orders access scopes.
 */
public final class ShopifyChannel implements ChannelClient {

    /** The stable Admin API version released October 2026, supported until October 2027. */
    public static final String DEFAULT_API_VERSION = "2026-10";

    static final String SCOPES = "read_orders, read_merchant_managed_fulfillment_orders and "
            + "write_merchant_managed_fulfillment_orders";

    /**
     * Requested cost about 550 points (Shopify's single-query limit is 1,000): 5 fulfillment orders of
     * up to 40 line items, 30 fulfillments with up to 3 tracking numbers each. Should an earlier
     * fulfillment of ours lie beyond those 30, its line items have nothing left to fulfil and the
     * shipment is refused rather than fulfilled twice.
     */
    static final String ORDER_QUERY = """
            query OrderFulfillmentState($id: ID!) {
              order(id: $id) {
                id
                fulfillments(first: 30) { id status trackingInfo(first: 3) { number } }
                fulfillmentOrders(first: 5) {
                  pageInfo { hasNextPage }
                  nodes {
                    id
                    status
                    lineItems(first: 40) {
                      pageInfo { hasNextPage }
                      nodes { id remainingQuantity sku lineItem { id } }
                    }
                  }
                }
              }
            }""";

    static final String FULFILLMENT_CREATE = """
            mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
              fulfillmentCreate(fulfillment: $fulfillment) {
                fulfillment { id status }
                userErrors { field message }
              }
            }""";

    private final ChannelHttp http;

    public ShopifyChannel() {
        this(ChannelHttp.REQUEST_TIMEOUT);
    }

    ShopifyChannel(Duration requestTimeout) {
        this.http = new ChannelHttp(requestTimeout);
    }

    @Override
    public PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment) {
        String token = link.secret("accessToken");
        List<String> secrets = token == null ? List.of() : List.of(token);
        if (token == null || token.isBlank()) {
            return new PushResult.Refused("The Shopify link has no access token: reconnect the store.");
        }
        URI endpoint = endpoint(link);
        if (endpoint == null) {
            return new PushResult.Refused("The Shopify link has neither a base URL nor a valid shopDomain setting.");
        }
        if (externalOrderId == null || externalOrderId.isBlank()) {
            return new PushResult.Refused("The order has no Shopify order id.");
        }
        if (shipment.trackingNumber() == null || shipment.trackingNumber().isBlank()) {
            return new PushResult.Refused("The shipment has no tracking number to send to Shopify.");
        }
        String orderGid = gid("Order", externalOrderId);
        try {
            Call state = call(endpoint, token, ORDER_QUERY, Map.of("id", orderGid), secrets);
            if (state.result != null) {
                return state.result;
            }
            Map<String, Object> order = map(state.data.get("order"));
            if (order.isEmpty()) {
                return new PushResult.Refused("Shopify has no order " + orderGid + " that this app can see (deleted,"
                        + " another shop, or older than 60 days without the read_all_orders scope).");
            }
            String existing = fulfillmentWithTracking(order, shipment.trackingNumber());
            if (existing != null) {
                return new PushResult.Done(existing);
            }
            Placement placement = place(order, shipment);
            if (placement.problem != null) {
                return new PushResult.Refused(ChannelHttp.clean(placement.problem, secrets));
            }
            Call created = call(endpoint, token, FULFILLMENT_CREATE,
                    Map.of("fulfillment", fulfillmentInput(link, shipment, placement.byFulfillmentOrder)), secrets);
            if (created.result != null) {
                return created.result;
            }
            Map<String, Object> payload = map(created.data.get("fulfillmentCreate"));
            List<String> userErrors = new ArrayList<>();
            for (Object e : list(payload.get("userErrors"))) {
                Map<String, Object> error = map(e);
                List<?> field = list(error.get("field"));
                String message = text(error.get("message"));
                userErrors.add((field.isEmpty() ? "" : String.join(".", field.stream().map(String::valueOf).toList())
                        + ": ") + (message == null ? "invalid" : message));
            }
            if (!userErrors.isEmpty()) {
                return new PushResult.Refused(ChannelHttp.clean("Shopify refused the fulfillment: "
                        + String.join("; ", userErrors), secrets));
            }
            String id = text(map(payload.get("fulfillment")).get("id"));
            if (id == null) {
                return new PushResult.Retry("Shopify answered fulfillmentCreate without a fulfillment or an error.");
            }
            return new PushResult.Done(id);
        } catch (IOException e) {
            return new PushResult.Retry(ChannelHttp.clean("Shopify did not answer: " + ChannelHttp.describe(e), secrets));
        }
    }

    /** link.baseUrl(), else https:// + shopDomain (a bare host name, nothing else). */
    static URI endpoint(ChannelLink link) {
        String version = link.setting("apiVersion");
        if (version == null || !version.matches("\\d{4}-\\d{2}|unstable")) {
            version = DEFAULT_API_VERSION;
        }
        String base = link.baseUrl();
        if (base == null || base.isBlank()) {
            String shop = link.setting("shopDomain");
            if (shop == null || !shop.strip().matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                return null;
            }
            base = "https://" + shop.strip();
        }
        base = base.strip().replaceAll("/+$", "");
        try {
            URI uri = URI.create(base + "/admin/api/" + version + "/graphql.json");
            return uri.getScheme() != null && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String gid(String type, String id) {
        String prefix = "gid://shopify/" + type + "/";
        String s = id.strip();
        return s.startsWith(prefix) ? s : prefix + s;
    }

    /** One GraphQL exchange: data, or the result to give up with (throttled, refused, failed). */
    private record Call(Map<String, Object> data, PushResult result) {
    }

    private Call call(URI endpoint, String token, String query, Map<String, Object> variables, List<String> secrets)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Shopify-Access-Token", token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        ChannelHttp.Response r = http.send("POST", endpoint, headers,
                Json.write(Map.of("query", query, "variables", variables)));
        Map<String, Object> body = map(r.json());
        if (r.status() == 429 || r.status() >= 500) {
            String retryAfter = r.header("Retry-After");
            return new Call(null, new PushResult.Retry(ChannelHttp.clean("Shopify answered HTTP " + r.status()
                    + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")") + ": " + errorText(body, r.body()),
                    secrets)));
        }
        if (r.status() == 401) {
            return new Call(null, new PushResult.Refused("Shopify refused the access token (401): check the app's"
                    + " token and its " + SCOPES + " scopes."));
        }
        if (r.status() == 403) {
            return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify refused the call (403): the app"
                    + " needs the " + SCOPES + " scopes. " + errorText(body, r.body()), secrets)));
        }
        if (r.status() == 404) {
            return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify has no Admin API at " + endpoint
                    + " (404): check the shop domain and the API version.", secrets)));
        }
        if (r.status() / 100 == 3) {
            return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify redirected the call (" + r.status()
                    + ") to " + r.header("Location") + ": check the shop domain.", secrets)));
        }
        if (r.status() / 100 != 2) {
            return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify refused the call (HTTP "
                    + r.status() + "): " + errorText(body, r.body()), secrets)));
        }
        if (body.isEmpty()) {
            return new Call(null, new PushResult.Retry("Shopify answered HTTP " + r.status() + " without a JSON body."));
        }
        List<?> errors = list(body.get("errors"));
        if (!errors.isEmpty()) {
            boolean throttled = false;
            boolean internal = false;
            boolean denied = false;
            List<String> messages = new ArrayList<>();
            for (Object e : errors) {
                Map<String, Object> error = map(e);
                String code = text(map(error.get("extensions")).get("code"));
                throttled |= "THROTTLED".equals(code);
                internal |= "INTERNAL_SERVER_ERROR".equals(code);
                denied |= "ACCESS_DENIED".equals(code);
                String message = text(error.get("message"));
                messages.add((message == null ? "error" : message) + (code == null ? "" : " (" + code + ")"));
            }
            String joined = String.join("; ", messages);
            if (throttled) {
                return new Call(null, new PushResult.Retry(ChannelHttp.clean("Shopify throttled the call: " + joined
                        + throttleStatus(body), secrets)));
            }
            if (internal) {
                return new Call(null, new PushResult.Retry(ChannelHttp.clean("Shopify failed the call: " + joined, secrets)));
            }
            return new Call(null, new PushResult.Refused(ChannelHttp.clean("Shopify refused the call: " + joined
                    + (denied ? " (the app needs the " + SCOPES + " scopes)" : ""), secrets)));
        }
        return new Call(map(body.get("data")), null);
    }

    private static String throttleStatus(Map<String, Object> body) {
        Map<String, Object> status = map(map(map(body.get("extensions")).get("cost")).get("throttleStatus"));
        if (status.isEmpty()) {
            return "";
        }
        return " (currently available " + status.get("currentlyAvailable") + " of " + status.get("maximumAvailable")
                + ", restore rate " + status.get("restoreRate") + "/s)";
    }

    /** Shopify's error text: {"errors": "..."} or {"errors": [{"message": ...}]} or {"errors": {...}}. */
    private static String errorText(Map<String, Object> body, String raw) {
        Object errors = body.get("errors");
        if (errors instanceof String s) {
            return s;
        }
        if (errors instanceof List<?> l && !l.isEmpty()) {
            List<String> messages = new ArrayList<>();
            for (Object e : l) {
                String m = e instanceof Map<?, ?> ? text(map(e).get("message")) : text(e);
                if (m != null) {
                    messages.add(m);
                }
            }
            return String.join("; ", messages);
        }
        if (errors instanceof Map<?, ?> m && !m.isEmpty()) {
            return String.valueOf(m);
        }
        return ChannelHttp.snippet(raw);
    }

    /** The id of a fulfillment (not cancelled or failed) carrying the tracking number, or null. */
    static String fulfillmentWithTracking(Map<String, Object> order, String trackingNumber) {
        String ours = normalise(trackingNumber);
        for (Object f : list(order.get("fulfillments"))) {
            Map<String, Object> fulfillment = map(f);
            String status = text(fulfillment.get("status"));
            if ("CANCELLED".equals(status) || "ERROR".equals(status) || "FAILURE".equals(status)) {
                continue;
            }
            for (Object t : list(fulfillment.get("trackingInfo"))) {
                String number = text(map(t).get("number"));
                if (number != null && normalise(number).equals(ours)) {
                    return text(fulfillment.get("id"));
                }
            }
        }
        return null;
    }

    private static String normalise(String trackingNumber) {
        return trackingNumber.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** fulfillment order id -> (fulfillment order line item id -> quantity), or why the lines do not fit. */
    record Placement(Map<String, Map<String, Integer>> byFulfillmentOrder, String problem) {
    }

    /**
     * Places each line on the fulfillment order line items of the same order line (matched by
     * LineItem id, or by SKU for a line intake kept no id for), OPEN and IN_PROGRESS fulfillment orders
     * only, spreading a quantity over several when one has not enough left.
     */
    static Placement place(Map<String, Object> order, ShipmentNotice shipment) {
        record Slot(String fulfillmentOrderId, String status, String id, String lineItemId, String sku, int[] left) {
        }
        List<Slot> slots = new ArrayList<>();
        Map<String, Object> fulfillmentOrders = map(order.get("fulfillmentOrders"));
        boolean truncated = Boolean.TRUE.equals(map(fulfillmentOrders.get("pageInfo")).get("hasNextPage"));
        for (Object n : list(fulfillmentOrders.get("nodes"))) {
            Map<String, Object> fo = map(n);
            Map<String, Object> lineItems = map(fo.get("lineItems"));
            truncated |= Boolean.TRUE.equals(map(lineItems.get("pageInfo")).get("hasNextPage"));
            for (Object l : list(lineItems.get("nodes"))) {
                Map<String, Object> li = map(l);
                slots.add(new Slot(text(fo.get("id")), text(fo.get("status")), text(li.get("id")),
                        text(map(li.get("lineItem")).get("id")), text(li.get("sku")),
                        new int[] {integer(li.get("remainingQuantity"), 0)}));
            }
        }
        Map<String, Map<String, Integer>> placed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ShipmentNotice.Line line : shipment.lines()) {
            if (line.quantity() <= 0) {
                continue;
            }
            String lineItemId = line.lineId() == null || line.lineId().isBlank() ? null : gid("LineItem", line.lineId());
            int left = line.quantity();
            List<String> blocked = new ArrayList<>();
            boolean known = false;
            for (Slot slot : slots) {
                boolean same = lineItemId != null ? lineItemId.equals(slot.lineItemId())
                        : line.sku() != null && line.sku().equals(slot.sku());
                if (!same || slot.id() == null || slot.fulfillmentOrderId() == null) {
                    continue;
                }
                known = true;
                if (!"OPEN".equals(slot.status()) && !"IN_PROGRESS".equals(slot.status())) {
                    if (slot.left()[0] > 0) {
                        blocked.add(slot.status());
                    }
                    continue;
                }
                int take = Math.min(left, slot.left()[0]);
                if (take <= 0) {
                    continue;
                }
                slot.left()[0] -= take;
                left -= take;
                placed.computeIfAbsent(slot.fulfillmentOrderId(), k -> new LinkedHashMap<>())
                        .merge(slot.id(), take, Integer::sum);
                if (left == 0) {
                    break;
                }
            }
            if (left > 0) {
                String name = lineItemId != null ? "line item " + line.lineId() : "SKU " + line.sku();
                if (!known) {
                    problems.add(name + " is on none of the order's fulfillment orders"
                            + (lineItemId == null && line.sku() == null ? " (the line has neither a line item id nor a SKU)" : ""));
                } else if (!blocked.isEmpty()) {
                    problems.add(name + ": " + left + " of " + line.quantity() + " are on fulfillment orders that are "
                            + String.join("/", blocked.stream().distinct().toList()));
                } else {
                    problems.add(name + ": " + left + " of " + line.quantity()
                            + " are already fulfilled in Shopify without this tracking number");
                }
            }
        }
        if (placed.isEmpty() && problems.isEmpty()) {
            problems.add("the shipment has no lines to fulfil");
        }
        if (!problems.isEmpty()) {
            return new Placement(null, "Shopify cannot take this shipment: " + String.join("; ", problems)
                    + (truncated ? " (the order has more fulfillment orders or line items than were read)" : "") + ".");
        }
        return new Placement(placed, null);
    }

    static Map<String, Object> fulfillmentInput(ChannelLink link, ShipmentNotice shipment,
                                                Map<String, Map<String, Integer>> byFulfillmentOrder) {
        List<Object> groups = new ArrayList<>();
        byFulfillmentOrder.forEach((fo, items) -> {
            List<Object> lineItems = new ArrayList<>();
            items.forEach((id, quantity) -> lineItems.add(Map.of("id", id, "quantity", quantity)));
            groups.add(Map.of("fulfillmentOrderId", fo, "fulfillmentOrderLineItems", lineItems));
        });
        Map<String, Object> tracking = new LinkedHashMap<>();
        if (shipment.carrier() != null && !shipment.carrier().isBlank()) {
            tracking.put("company", company(shipment.carrier()));
        }
        tracking.put("number", shipment.trackingNumber().strip());
        if (shipment.trackingUrl() != null && !shipment.trackingUrl().isBlank()) {
            tracking.put("url", shipment.trackingUrl());
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("lineItemsByFulfillmentOrder", groups);
        input.put("trackingInfo", tracking);
        input.put("notifyCustomer", !"false".equalsIgnoreCase(Objects.requireNonNullElse(link.setting("notifyCustomer"),
                "true").strip()));
        return input;
    }

    /**
     * The carrier as Shopify's list of supported tracking companies spells it (capitalisation matters:
     * Shopify then builds the tracking link and follows the parcel); anything else as given.
     */
    static String company(String carrier) {
        String c = carrier.strip();
        return switch (c.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT)) {
            case "UPS" -> "UPS";
            case "USPS" -> "USPS";
            case "FEDEX" -> "FedEx";
            case "DHL", "DHL EXPRESS" -> "DHL Express";
            case "DHL ECOMMERCE" -> "DHL eCommerce";
            default -> c;
        };
    }

    // PLACEHOLDER (issue 18, in progress): replaced by the real calls before this lands.
    @Override
    public PushResult acknowledge(ChannelLink link, String externalOrderId,
                                  orderflow.shared.domain.channels.AcknowledgeNotice notice) {
        return new PushResult.Refused("not built yet");
    }

    @Override
    public PushResult cancel(ChannelLink link, String externalOrderId, orderflow.shared.domain.channels.CancelNotice notice) {
        return new PushResult.Refused("not built yet");
    }

    @Override
    public PushResult refund(ChannelLink link, String externalOrderId, orderflow.shared.domain.channels.RefundNotice notice) {
        return new PushResult.Refused("not built yet");
    }
}
