package orderflow.shared.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.domain.shipping.ShipmentLabel;
import orderflow.shared.domain.shipping.TrackingEvent;
import orderflow.shared.domain.shipping.TrackingStatus;
import orderflow.shared.domain.storefront.PlatformRefund;
import orderflow.shared.domain.storefront.PlatformShipment;

/**
 * The seller's actions on an order, decided here and nowhere else: each returns the change to
 * write (next version, history entry, stock moves), or null when the request repeats what is
 * already recorded (a retried call changes nothing), or throws {@link Failure.IllegalTransition}.
 */
public final class OrderLifecycle {

    /**
     * A shipment commits each SKU and logs its movement in the order's transaction: 2 actions per
     * SKU plus the order and its history entry, within DynamoDB's 100.
     */
    public static final int MAX_SKUS_PER_PACKAGE = 49;

    private OrderLifecycle() {
    }

    public static OrderChange acknowledge(Order order, Actor actor, Instant now) {
        if (order.fulfillment().acknowledgedAt() != null) {
            return null;
        }
        require(order, SellerAction.ACKNOWLEDGE);
        return OrderChange.of(order, order.withFulfillment(order.fulfillment().withAcknowledged(now)), now, actor,
                "acknowledge", "seen by the seller", List.of());
    }

    /** Before shipment only; reserved stock (UNSHIPPED) is released in the same write. */
    public static OrderChange cancel(Order order, ActionRequests.Cancel request, Actor actor, Instant now) {
        Cancellation existing = order.fulfillment().cancellation();
        if (order.status() == OrderStatus.CANCELED && existing != null
                && existing.reason().equals(request.describe())) {
            return null;
        }
        require(order, SellerAction.CANCEL);
        List<StockChange> release = new ArrayList<>();
        if (order.status() == OrderStatus.UNSHIPPED) {
            order.quantitiesBySku().forEach((sku, q) -> release.add(new StockChange(sku, q, StockChange.Kind.RELEASE)));
        }
        Cancellation c = new Cancellation(request.describe(), request.buyerRequested(), now, actor.toString(),
                order.status());
        Order next = order.next(OrderStatus.CANCELED, request.describe(), order.shipBy(),
                order.fulfillment().withCancellation(c));
        return OrderChange.of(order, next, now, actor, "cancel", request.describe(), release);
    }

    /**
     * A package leaves: the lines given (or everything left), reserved stock committed, late if it
     * left after the ship-by date. A shipment with a tracking number already on the order is a repeat.
     */
    public static OrderChange ship(Order order, ActionRequests.Ship request, Actor actor, Instant now) {
        TrackingNumbers.Check tracking = TrackingNumbers.check(request.carrier(), request.trackingNumber());
        Shipment same = shipmentWithTracking(order, tracking.number());
        if (same != null) {
            if (!request.quantities().isEmpty() && !request.quantities().equals(same.quantities())) {
                throw new Failure.InvalidInput("That tracking number is already on another package of this order.",
                        List.of(new FieldError("trackingNumber", "is already on " + same.shipmentId()
                                + " with other lines; each package has its own tracking number")));
            }
            return null;
        }
        require(order, SellerAction.SHIP);
        Map<String, Integer> left = order.unshippedBySku();
        Map<String, Integer> boxed = request.quantities().isEmpty() ? left : request.quantities();
        List<FieldError> errors = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Integer> line : request.quantities().entrySet()) {
            int ordered = order.quantitiesBySku().getOrDefault(line.getKey(), 0);
            int open = left.getOrDefault(line.getKey(), 0);
            if (ordered == 0) {
                errors.add(new FieldError("lines[" + i + "].sku", "is not in this order"));
            } else if (line.getValue() > open) {
                errors.add(new FieldError("lines[" + i + "].quantity", ordered + " ordered, "
                        + (ordered - open) + " already shipped: at most " + open + " can ship"));
            }
            i++;
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The shipment does not match what is left to ship.", errors);
        }
        if (boxed.size() > MAX_SKUS_PER_PACKAGE) {
            throw new Failure.InvalidInput("A package holds at most " + MAX_SKUS_PER_PACKAGE + " SKUs.",
                    List.of(new FieldError("lines", boxed.size() + " SKUs in one package; ship at most "
                            + MAX_SKUS_PER_PACKAGE + " per package and the rest in another")));
        }
        if (request.shipDate().isBefore(order.createdAt().minusSeconds(86_400))) {
            throw new Failure.InvalidInput("The ship date is before the order was placed.",
                    List.of(new FieldError("shipDate", "must not be before the order was placed ("
                            + order.createdAt() + ")")));
        }
        boolean late = order.shipBy() != null && request.shipDate().isAfter(order.shipBy());
        // A label bought here: the carrier issued the number, whatever format check it would fail.
        boolean valid = tracking.valid() || request.label() != null;
        String shipmentId = "shp_" + (order.fulfillment().shipments().size() + 1);
        Shipment shipment = new Shipment(shipmentId, tracking.carrier() == null ? request.carrier()
                : tracking.carrier().name(), tracking.number(), valid, tracking.trackingUrl(),
                request.shipDate(), boxed, late, now, null, null, request.label());
        List<Shipment> shipments = new ArrayList<>(order.fulfillment().shipments());
        shipments.add(shipment);
        Fulfillment fulfillment = order.fulfillment().withShipments(shipments);
        boolean complete = boxed.equals(left);
        OrderStatus status = complete ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
        order.status().requireCanBecome(status);
        List<StockChange> commit = new ArrayList<>();
        boxed.forEach((sku, q) -> commit.add(new StockChange(sku, q, StockChange.Kind.COMMIT)));
        String reason = shipment.carrier() + " " + shipment.trackingNumber()
                + (valid ? "" : " (tracking number not valid for a known carrier)")
                + (late ? "; shipped after the ship-by date " + order.shipBy() : "");
        return OrderChange.of(order, order.next(status, null, order.shipBy(), fulfillment), now, actor,
                "ship " + shipmentId, reason, commit);
    }

    /** Shipped in full already: a platform shipment has nothing left to record (no error). */
    private static final Set<OrderStatus> NOTHING_LEFT = Set.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED,
            OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED);

    /**
     * A package the seller shipped on the platform itself: recorded like a seller shipment (same
     * Shipment, reserved stock committed, SHIPPED or PARTIALLY_SHIPPED), its lines found by the
     * platform's line id, else its SKU; more units than are left count as what is left. A repeat
     * (null) when its tracking number is already on a shipment of the order (ours, pushed to the
     * platform, coming back), when its platform reference is, or when nothing it names is left. A
     * shipment without a tracking number keeps "platform reference" in that field, so its repeat is
     * recognised. Throws {@link Failure.IllegalTransition} when the order has no reserved stock to ship
     * (canceled, or not reserved yet) and {@link Failure.InvalidInput} when no line matches the order.
     */
    public static OrderChange shipOnPlatform(Order order, PlatformShipment shipment, Actor actor, Instant now) {
        TrackingNumbers.Check tracking = TrackingNumbers.check(shipment.carrier(), shipment.trackingNumber());
        String marker = shipment.platform() + " " + shipment.reference();
        if (tracking.number() != null && shipmentWithTracking(order, tracking.number()) != null
                || shipmentWithTracking(order, marker) != null || NOTHING_LEFT.contains(order.status())) {
            return null;
        }
        require(order, SellerAction.SHIP);
        Map<String, Integer> left = order.unshippedBySku();
        List<String> notes = new ArrayList<>();
        Map<String, Integer> boxed = shipment.lines().isEmpty() ? left : platformLines(order, shipment, left, notes);
        if (boxed.isEmpty()) {
            return null; // every unit it names has shipped already
        }
        if (boxed.size() > MAX_SKUS_PER_PACKAGE) {
            throw new Failure.InvalidInput("A package holds at most " + MAX_SKUS_PER_PACKAGE + " SKUs.",
                    List.of(new FieldError("lines", boxed.size() + " SKUs in one platform shipment")));
        }
        Instant shipDate = shipment.shipDate() == null ? now : shipment.shipDate();
        boolean late = order.shipBy() != null && shipDate.isAfter(order.shipBy());
        boolean tracked = tracking.number() != null && !tracking.number().isEmpty();
        String shipmentId = "shp_" + (order.fulfillment().shipments().size() + 1);
        String carrier = tracking.carrier() != null ? tracking.carrier().name()
                : shipment.carrier() != null ? shipment.carrier() : "unknown";
        Shipment boxedShipment = new Shipment(shipmentId, carrier, tracked ? tracking.number() : marker,
                tracked && tracking.valid(), shipment.trackingUrl() != null ? shipment.trackingUrl() : tracking.trackingUrl(),
                shipDate, boxed, late, now, null, null);
        List<Shipment> shipments = new ArrayList<>(order.fulfillment().shipments());
        shipments.add(boxedShipment);
        OrderStatus status = boxed.equals(left) ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
        order.status().requireCanBecome(status);
        List<StockChange> commit = new ArrayList<>();
        boxed.forEach((sku, q) -> commit.add(new StockChange(sku, q, StockChange.Kind.COMMIT)));
        // No shipped email: the platform told the buyer itself; nothing is pushed back either.
        String reason = "shipped on " + shipment.platform() + " (" + shipment.reference() + "), "
                + (tracked ? carrier + " " + tracking.number() : "no tracking number")
                + (late ? "; shipped after the ship-by date " + order.shipBy() : "")
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes))
                + "; the platform notified the buyer";
        return OrderChange.of(order, order.next(status, null, order.shipBy(),
                order.fulfillment().withShipments(shipments)), now, actor, "ship " + shipmentId, reason, commit);
    }

    /** The platform's lines as units per SKU of ours, at most what is left of each. */
    private static Map<String, Integer> platformLines(Order order, PlatformShipment shipment, Map<String, Integer> left,
                                                      List<String> notes) {
        Map<String, Integer> asked = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (PlatformShipment.Line line : shipment.lines()) {
            String sku = ourSku(order, line);
            if (sku == null) {
                unknown.add(line.lineId() != null ? "line " + line.lineId() : "SKU " + line.sku());
            } else {
                asked.merge(sku, line.quantity(), Integer::sum);
            }
        }
        if (asked.isEmpty()) {
            throw new Failure.InvalidInput("No line of the platform shipment is on this order.",
                    List.of(new FieldError("lines", String.join(", ", unknown) + " not on the order")));
        }
        if (!unknown.isEmpty()) {
            notes.add("not on this order: " + String.join(", ", unknown));
        }
        Map<String, Integer> boxed = new LinkedHashMap<>();
        asked.forEach((sku, q) -> {
            int open = left.getOrDefault(sku, 0);
            if (q > open) {
                notes.add(sku + ": " + q + " shipped on the platform, " + open + " were left here");
            }
            if (Math.min(q, open) > 0) {
                boxed.put(sku, Math.min(q, open));
            }
        });
        return boxed;
    }

    /** Our SKU of a platform line: by the platform's line id, else by the SKU the platform sent. */
    private static String ourSku(Order order, PlatformShipment.Line line) {
        for (OrderLine l : order.lines()) {
            if (line.lineId() != null && line.lineId().equals(l.lineId())) {
                return l.sku();
            }
        }
        for (OrderLine l : order.lines()) {
            if (line.sku() != null && line.sku().equals(l.sku())) {
                return l.sku();
            }
        }
        return null;
    }

    /**
     * Records delivery of one shipment (or all undelivered ones), on time or late against the
     * promised delivery date; the order is DELIVERED once it is shipped in full and all arrived.
     */
    public static OrderChange confirmDelivery(Order order, ActionRequests.Delivery request, Actor actor, Instant now) {
        List<Shipment> shipments = order.fulfillment().shipments();
        if (request.shipmentId() != null && shipments.stream().noneMatch(s -> s.shipmentId().equals(request.shipmentId()))) {
            throw new Failure.InvalidInput("No such shipment on this order.",
                    List.of(new FieldError("shipmentId", "is not a shipment of this order")));
        }
        List<Shipment> next = new ArrayList<>();
        int changed = 0;
        boolean late = false;
        for (Shipment s : shipments) {
            boolean target = request.shipmentId() == null || s.shipmentId().equals(request.shipmentId());
            if (target && s.deliveredAt() == null) {
                if (request.deliveredAt().isBefore(s.shipDate())) {
                    throw new Failure.InvalidInput("Delivered before it shipped.", List.of(new FieldError(
                            "deliveredAt", "must not be before the ship date " + s.shipDate())));
                }
                Shipment d = s.delivered(request.deliveredAt(), order.fulfillment().deliverBy());
                late |= !d.deliveredOnTime();
                next.add(d);
                changed++;
            } else {
                next.add(s);
            }
        }
        if (changed == 0 && !shipments.isEmpty()) {
            return null; // every shipment it names is already delivered: a repeat
        }
        require(order, SellerAction.CONFIRM_DELIVERY);
        Fulfillment fulfillment = order.fulfillment().withShipments(next);
        OrderStatus status = order.status() == OrderStatus.SHIPPED && fulfillment.allDelivered()
                ? OrderStatus.DELIVERED : order.status();
        Instant promised = order.fulfillment().deliverBy();
        String reason = changed + " shipment" + (changed == 1 ? "" : "s") + " delivered "
                + (late ? "late (promised by " + promised + ")" : "on time");
        return OrderChange.of(order, order.next(status, null, order.shipBy(), fulfillment), now, actor,
                "confirm-delivery", reason, List.of());
    }

    /**
     * A bought label voided before the parcel moved: its shipment leaves the order, its units go back
     * from "left the building" to reserved for the order (UNCOMMIT), and the order is UNSHIPPED or
     * PARTIALLY_SHIPPED again. Null when the shipment is already gone (a repeat).
     */
    public static OrderChange voidShipment(Order order, String shipmentId, String labelId, Actor actor, Instant now) {
        List<Shipment> kept = new ArrayList<>();
        Shipment voided = null;
        for (Shipment s : order.fulfillment().shipments()) {
            if (s.shipmentId().equals(shipmentId)) {
                voided = s;
            } else {
                kept.add(s);
            }
        }
        if (voided == null) {
            return null;
        }
        if (voided.deliveredAt() != null || (voided.label() != null && voided.label().trackingStatus() != null
                && voided.label().trackingStatus().moving())) {
            throw new Failure.IllegalTransition("The parcel has already moved; its label can no longer be voided.",
                    order.status());
        }
        OrderStatus status = kept.isEmpty() ? OrderStatus.UNSHIPPED : OrderStatus.PARTIALLY_SHIPPED;
        order.status().requireCanBecome(status);
        List<StockChange> back = new ArrayList<>();
        voided.quantities().forEach((sku, q) -> back.add(new StockChange(sku, q, StockChange.Kind.UNCOMMIT)));
        return OrderChange.of(order, order.next(status, null, order.shipBy(), order.fulfillment().withShipments(kept)),
                now, actor, "void-label " + labelId, voided.carrier() + " " + voided.trackingNumber()
                        + " voided before the parcel moved; " + shipmentId + " removed", back);
    }

    /**
     * The carrier's latest scan of a labelled shipment, kept on the shipment; delivered marks the
     * shipment delivered at the carrier's time (the order DELIVERED once all arrived). A scan older
     * than the one recorded, or the same, changes nothing (null): scans arrive late and twice.
     */
    public static OrderChange track(Order order, String shipmentId, TrackingEvent event, Actor actor, Instant now) {
        List<Shipment> next = new ArrayList<>();
        Shipment before = null;
        for (Shipment s : order.fulfillment().shipments()) {
            if (s.shipmentId().equals(shipmentId)) {
                before = s;
            }
            next.add(s);
        }
        if (before == null || before.label() == null) {
            return null;
        }
        ShipmentLabel label = before.label();
        if (event.status() == TrackingStatus.UNKNOWN) {
            return null; // says nothing about where the parcel is
        }
        // Scans of the same second (a batch of scans) go by the order of the statuses.
        boolean newer = label.trackingAt() == null || event.at().isAfter(label.trackingAt())
                || (event.at().equals(label.trackingAt()) && label.trackingStatus() != null
                && event.status().ordinal() > label.trackingStatus().ordinal());
        boolean delivers = event.status() == TrackingStatus.DELIVERED && before.deliveredAt() == null;
        if (!newer && !delivers) {
            return null;
        }
        Shipment after = newer ? before.tracked(label.tracked(event.status(), event.at(), event.detail())) : before;
        if (delivers) {
            Instant at = event.at().isBefore(before.shipDate()) ? before.shipDate() : event.at();
            after = after.delivered(at, order.fulfillment().deliverBy());
        }
        next.set(order.fulfillment().shipments().indexOf(before), after);
        Fulfillment fulfillment = order.fulfillment().withShipments(next);
        OrderStatus status = delivers && order.status() == OrderStatus.SHIPPED && fulfillment.allDelivered()
                ? OrderStatus.DELIVERED : order.status();
        String reason = event.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (event.detail() == null ? "" : ": " + event.detail())
                + (event.location() == null ? "" : " (" + event.location() + ")")
                + (delivers ? (after.deliveredOnTime() ? ", on time" : ", late (promised by "
                        + order.fulfillment().deliverBy() + ")") : "");
        return OrderChange.of(order, order.next(status, order.statusReason(), order.shipBy(), fulfillment), now, actor,
                "tracking " + shipmentId, reason, List.of());
    }

    /** A box that passed its pack check, recorded on the order (the status does not change). */
    public static OrderChange recordPackCheck(Order order, PackCheck check, Actor actor, Instant now) {
        if (order.status() != OrderStatus.UNSHIPPED && order.status() != OrderStatus.PARTIALLY_SHIPPED) {
            throw new Failure.IllegalTransition("An order that is " + order.status()
                    + " has nothing left to pack.", order.status());
        }
        if (!check.passed()) {
            throw new IllegalArgumentException("only a passed check is recorded");
        }
        return OrderChange.of(order, order.withFulfillment(order.fulfillment().withPackChecked(now)), now, actor,
                "pack-check", "passed: " + check.scanned() + " units scanned", List.of());
    }

    /**
     * Money paid back after delivery (a received return or a goodwill refund), with any restocked
     * units: PARTIALLY_REFUNDED, or REFUNDED once the refunded total reaches what was paid. A return
     * that pays nothing back (the order was already refunded in full) keeps the status.
     */
    public static OrderChange refund(Order order, Money amount, Actor actor, Instant now, String action,
                                     String reason, List<StockChange> stock) {
        if (amount.minor() > order.refundable().minor()) {
            throw new IllegalArgumentException("refund " + amount + " above the refundable " + order.refundable());
        }
        if (amount.minor() == 0) {
            require(order, SellerAction.RETURN);
            return OrderChange.of(order, order.withRefund(amount, order.status(), order.statusReason()), now, actor,
                    action, reason, stock);
        }
        require(order, SellerAction.REFUND);
        OrderStatus status = amount.minor() == order.refundable().minor()
                ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        order.status().requireCanBecome(status);
        // The reason goes to the history entry; statusReason stays for backorders, holds and cancels.
        return OrderChange.of(order, order.withRefund(amount, status, null), now, actor, action, reason, stock);
    }

    /**
     * Money the seller paid back on the platform itself: the refunded total grows by the amount, at most
     * what is left to refund (a capped amount says so in the history). After delivery the status follows
     * as for a refund made here (PARTIALLY_REFUNDED, REFUNDED). Before it, or on a canceled order, the
     * status stays: the state machine refunds only delivered orders, and the order still ships (or
     * stays canceled) unless the seller says otherwise. Restocked units are not moved: stock is counted
     * here, and goods come back through our returns. Null when nothing is to be recorded: one of our own
     * refunds coming back (its note carries our refund id), or nothing left to refund here.
     */
    public static OrderChange refundOnPlatform(Order order, PlatformRefund refund, Actor actor, Instant now) {
        Money amount = refund.amount();
        if (!amount.currency().equals(order.currency())) {
            throw new IllegalArgumentException("refund in " + amount.currency() + " on an order in " + order.currency());
        }
        Money left = order.refundable();
        if (refund.ourRefundId() != null || left.minor() == 0) {
            return null;
        }
        Money paid = amount.minor() > left.minor() ? left : amount;
        String what = " (refund " + refund.refundId() + "): " + paid.toDecimalString() + " " + paid.currency()
                + (paid.equals(amount) ? "" : ", capped at what was left to refund here (" + amount.toDecimalString()
                + " refunded there)");
        String told = "; the platform told the buyer";
        String action = "refund-on-platform";
        if (order.status().sellerActions().contains(SellerAction.REFUND)) {
            return refund(order, paid, actor, now, action, "refunded on " + refund.platform() + what + told, List.of());
        }
        String reason = order.status() == OrderStatus.CANCELED
                ? "refunded on " + refund.platform() + " after the cancel" + what + told
                : "refunded on " + refund.platform() + " before delivery" + what + told
                        + (paid.equals(left) ? "; everything paid is refunded: cancel the order here if it should not ship"
                        : "");
        return OrderChange.of(order, order.withRefund(paid, order.status(), order.statusReason()), now, actor, action,
                reason, List.of());
    }

    /** Throws {@link Failure.IllegalTransition} unless the order's status allows the action. */
    public static void requireAllowed(Order order, SellerAction action) {
        require(order, action);
    }

    public static Shipment shipmentWithTracking(Order order, String normalisedTracking) {
        for (Shipment s : order.fulfillment().shipments()) {
            if (s.trackingNumber().equals(normalisedTracking)) {
                return s;
            }
        }
        return null;
    }

    private static void require(Order order, SellerAction action) {
        if (!order.status().sellerActions().contains(action)) {
            throw new Failure.IllegalTransition("An order that is " + order.status() + " cannot be sent to "
                    + action.apiName() + ".", order.status());
        }
    }
}
