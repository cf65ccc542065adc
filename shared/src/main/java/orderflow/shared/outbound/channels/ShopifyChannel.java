package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.integer;
import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import static orderflow.shared.outbound.channels.ShopifyAdmin.gid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.ports.ChannelClient;
import orderflow.shared.outbound.OutboundRules;

/**
 * Shopify's GraphQL Admin API (see {@link ShopifyAdmin} for the exchange and its error mapping). A
 * shipment becomes one fulfillment: first the order's fulfillment orders and existing fulfillments are
 * read (a fulfillment already carrying our tracking number means an earlier call went through: Done
 * without a second one), then the notice's lines are placed on the open fulfillment order line items
 * and fulfillmentCreate is called with the tracking info. Acknowledge and cancel: {@link ShopifyOrderCalls};
 * refunds: {@link ShopifyRefunds}.
 *
 * <p>Settings: shopDomain (used when the link has no baseUrl), apiVersion (default
 * {@value #DEFAULT_API_VERSION}), notifyCustomer (default true), acknowledgeTag (default
 * "orderflow:acknowledged"), refundOnCancel (default true). Secret: accessToken. Needs the read_orders,
 * write_orders, read_merchant_managed_fulfillment_orders and write_merchant_managed_fulfillment_orders
 * access scopes.
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

    private final ShopifyAdmin admin;
    private final ShopifyOrderCalls orderCalls;
    private final ShopifyRefunds refunds;

    public ShopifyChannel(OutboundRules rules) {
        this(ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    ShopifyChannel(Duration requestTimeout, OutboundRules rules) {
        this.admin = new ShopifyAdmin(requestTimeout, rules);
        this.orderCalls = new ShopifyOrderCalls(admin);
        this.refunds = new ShopifyRefunds(admin);
    }

    @Override
    public PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment) {
        ShopifyAdmin.Opened opened = ShopifyAdmin.open(link, externalOrderId, SCOPES);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        if (shipment.trackingNumber() == null || shipment.trackingNumber().isBlank()) {
            return new PushResult.Refused("The shipment has no tracking number to send to Shopify.");
        }
        ShopifyAdmin.Target target = opened.target();
        ShopifyAdmin.Call state = admin.call(target, ORDER_QUERY, Map.of("id", target.orderGid()));
        if (state.result() != null) {
            return state.result();
        }
        Map<String, Object> order = state.order();
        if (order.isEmpty()) {
            return ShopifyAdmin.unknownOrder(target);
        }
        String existing = fulfillmentWithTracking(order, shipment.trackingNumber());
        if (existing != null) {
            return new PushResult.Done(existing);
        }
        Placement placement = place(order, shipment);
        if (placement.problem != null) {
            return new PushResult.Refused(ChannelHttp.clean(placement.problem, target.secrets()));
        }
        ShopifyAdmin.Call created = admin.call(target, FULFILLMENT_CREATE,
                Map.of("fulfillment", fulfillmentInput(link, shipment, placement.byFulfillmentOrder)));
        if (created.result() != null) {
            return created.result();
        }
        Map<String, Object> payload = map(created.data().get("fulfillmentCreate"));
        List<String> userErrors = ShopifyAdmin.userErrors(payload, "userErrors");
        if (!userErrors.isEmpty()) {
            return ShopifyAdmin.refusedFor(target, "fulfillment", userErrors);
        }
        String id = text(map(payload.get("fulfillment")).get("id"));
        if (id == null) {
            return new PushResult.Retry("Shopify answered fulfillmentCreate without a fulfillment or an error.");
        }
        return new PushResult.Done(id);
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

    @Override
    public PushResult acknowledge(ChannelLink link, String externalOrderId, AcknowledgeNotice notice) {
        return orderCalls.acknowledge(link, externalOrderId, notice);
    }

    @Override
    public PushResult cancel(ChannelLink link, String externalOrderId, CancelNotice notice) {
        return orderCalls.cancel(link, externalOrderId, notice);
    }

    @Override
    public PushResult refund(ChannelLink link, String externalOrderId, RefundNotice notice) {
        return refunds.refund(link, externalOrderId, notice);
    }
}
