package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Backoff;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Races;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.ShipByPolicy;
import orderflow.shared.domain.StockChange;
import orderflow.shared.domain.returns.PlatformRefunding;
import orderflow.shared.domain.returns.RefundChange;
import orderflow.shared.domain.storefront.PlatformRefund;
import orderflow.shared.domain.storefront.PlatformShipment;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.HandlingTimes;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.Refunds;

/**
 * Step 2: a paid order reserves stock for every line at once, gets its ship-by date and becomes
 * UNSHIPPED, then its confirmation email is queued. Safe to run any number of times per order.
 */
public final class ProcessOrderService {

    private static final Actor ACTOR = Actor.job("process-order");

    /**
     * SHIPPED_ON_PLATFORM: a platform shipment recorded. CANCELED_HERE, NOT_RESERVED, UNMATCHED: a
     * platform shipment left unrecorded (the order is canceled here, its stock is not reserved, its
     * lines are not on the order): the seller must check. REFUNDED_ON_PLATFORM: a platform refund
     * recorded; OURS: one of our own refunds coming back (recorded when we made it); NOTHING_LEFT: the
     * order is refunded in full here already; OTHER_CURRENCY: the platform paid back in another
     * currency than the order's (a Shopify order paid in the buyer's currency), left to the seller.
     */
    public enum Outcome { CONFIRMED, BACKORDERED, ON_HOLD, STILL_PENDING, ALREADY_DONE, UNKNOWN_ORDER, CANCELED,
        TOO_LATE_TO_CANCEL, SHIPPED_ON_PLATFORM, CANCELED_HERE, NOT_RESERVED, UNMATCHED, REFUNDED_ON_PLATFORM, OURS,
        NOTHING_LEFT, OTHER_CURRENCY }

    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;
    private final LowStockAlerts alerts;
    private final OrderQueue contended;
    private final Refunds refunds;
    private final HandlingTimes handlingTimes;

    /** How often an order that lost every race for its stock goes back to the queue before it fails normally. */
    static final int MAX_CONTENDED = 8;

    public ProcessOrderService(Orders orders, Accounts accounts, EmailOutbox emails, Clock clock) {
        this(orders, accounts, emails, null, null, clock);
    }

    /**
     * alerts: low-stock alerts after each reservation (null: none). contended: where an order that
     * lost every race for its stock goes to be processed again later (null: its message fails and
     * SQS redelivers it, counting toward the dead-letter queue).
     */
    public ProcessOrderService(Orders orders, Accounts accounts, EmailOutbox emails, LowStockAlerts alerts,
                               OrderQueue contended, Clock clock) {
        this(orders, accounts, emails, alerts, contended, null, clock);
    }

    /** refunds: where refunds made on the platform are recorded (null: such a message fails). */
    public ProcessOrderService(Orders orders, Accounts accounts, EmailOutbox emails, LowStockAlerts alerts,
                               OrderQueue contended, Refunds refunds, Clock clock) {
        this(orders, accounts, emails, alerts, contended, refunds, HandlingTimes.NONE, clock);
    }

    /** handlingTimes: the SKUs' own handling times, which lengthen an order's beyond the seller's. */
    public ProcessOrderService(Orders orders, Accounts accounts, EmailOutbox emails, LowStockAlerts alerts,
                               OrderQueue contended, Refunds refunds, HandlingTimes handlingTimes, Clock clock) {
        this.handlingTimes = handlingTimes;
        this.refunds = refunds;
        this.alerts = alerts;
        this.contended = contended;
        this.orders = orders;
        this.accounts = accounts;
        this.emails = emails;
        this.clock = clock;
    }

    public Outcome process(String orderId) {
        return process(orderId, 1, new HashSet<>());
    }

    /**
     * One OrderQueue message: {@code {orderId}} (a new or backordered order), {@code {stockArrived:
     * {sellerId, sku}}} (retry the SKU's backorders), {@code {cancel: {orderId, reason, ...}}}
     * (release what a canceled order holds), {@code {shippedOnPlatform: ...}} or {@code
     * {refundedOnPlatform: {orderId, refund, by}}} (record what the seller did on the platform).
     * Returns what to log.
     */
    public String handle(Map<String, Object> message) {
        if (message.get("stockArrived") instanceof Map<?, ?> arrived
                && arrived.get("sellerId") instanceof String seller && arrived.get("sku") instanceof String sku) {
            return "stock of " + sku + " arrived: " + stockArrived(seller, sku) + " backorders confirmed";
        }
        if (message.get("cancel") instanceof Map<?, ?> c && c.get("orderId") instanceof String id) {
            return "cancel of " + id + ": " + cancel(id, (String) c.get("reason"),
                    Boolean.TRUE.equals(c.get("buyerRequested")), Actor.parse(String.valueOf(c.get("by"))));
        }
        if (message.get("shippedOnPlatform") instanceof Map<?, ?> s && s.get("orderId") instanceof String id
                && s.get("shipment") instanceof Map<?, ?> shipment) {
            Outcome outcome = shippedOnPlatform(id, PlatformShipment.fromMap(shipment),
                    Actor.parse(String.valueOf(s.get("by"))));
            return "platform shipment of " + id + ": " + outcome + switch (outcome) {
                case CANCELED_HERE -> " (canceled here, shipped on the platform: the seller must check)";
                case NOT_RESERVED -> " (shipped on the platform before its stock was reserved here: the seller must check)";
                case UNMATCHED -> " (its lines are not on the order: the seller must check)";
                default -> "";
            };
        }
        if (message.get("refundedOnPlatform") instanceof Map<?, ?> r && r.get("orderId") instanceof String id
                && r.get("refund") instanceof Map<?, ?> refund) {
            PlatformRefund platformRefund = PlatformRefund.fromMap(refund);
            Outcome outcome = refundedOnPlatform(id, platformRefund, Actor.parse(String.valueOf(r.get("by"))));
            return "platform refund " + platformRefund.refundId() + " of " + id + ": " + outcome + switch (outcome) {
                case NOTHING_LEFT -> " (refunded in full here already: the seller must check)";
                case OTHER_CURRENCY -> " (paid back in " + platformRefund.amount().currency()
                        + ", not the order's currency: the seller must record it)";
                default -> "";
            };
        }
        if (!(message.get("orderId") instanceof String id)) {
            throw new IllegalArgumentException("message has none of orderId, stockArrived, cancel, shippedOnPlatform, "
                    + "refundedOnPlatform");
        }
        try {
            return "order " + id + ": " + process(id);
        } catch (Failure.Conflict lostEveryRace) {
            int times = message.get("contended") instanceof Number n ? n.intValue() + 1 : 1;
            if (contended == null || times > MAX_CONTENDED) {
                throw lostEveryRace;
            }
            Duration delay = Backoff.delay(times);
            contended.retryContended(id, times, delay);
            return "order " + id + ": CONTENDED, again in " + delay.toSeconds() + " s (" + times + ")";
        }
    }

    /** shortSkus collects the SKUs stock could not cover, for the oldest-first release. */
    private Outcome process(String orderId, int attempt, Set<String> shortSkus) {
        Order order = orders.get(orderId).orElse(null);
        if (order == null) {
            return Outcome.UNKNOWN_ORDER;
        }
        return switch (order.status()) {
            case PENDING -> Outcome.STILL_PENDING;
            case READY, BACKORDERED -> reserve(order, attempt, shortSkus);
            case UNSHIPPED -> {
                if (order.confirmationQueuedAt() == null) {
                    // An earlier attempt reserved stock and stopped before queueing the email.
                    queueConfirmation(order, seller(order));
                    yield Outcome.CONFIRMED;
                }
                yield Outcome.ALREADY_DONE;
            }
            default -> Outcome.ALREADY_DONE;
        };
    }

    private Outcome reserve(Order order, int attempt, Set<String> shortSkus) {
        Seller seller = seller(order);
        Instant now = clock.instant();
        // A date the marketplace gives (Amazon's LatestShipDate) is the one the seller is measured on.
        Intake intake = order.intake();
        // Only an order without one reads its SKUs' handling times.
        Instant shipBy = intake.marketplaceShipBy() != null ? intake.marketplaceShipBy()
                : ShipByPolicy.shipBy(ShipByPolicy.handlingStart(order, now), handlingDays(order, seller),
                        seller.timeZone(), seller.calendar());
        Instant deliverBy = intake.marketplaceDeliverBy() != null ? intake.marketplaceDeliverBy()
                : ShipByPolicy.deliverBy(shipBy, seller.transitDays(), seller.timeZone(), seller.calendar());
        Order confirmed = order.confirmed(shipBy, deliverBy);
        List<StockChange> moves = new ArrayList<>();
        order.quantitiesBySku().forEach((sku, q) -> moves.add(new StockChange(sku, q, StockChange.Kind.RESERVE)));
        Orders.Applied result = orders.apply(OrderChange.of(order, confirmed, now, ACTOR, "reserve",
                "stock reserved for every line", moves));
        return switch (result) {
            case Orders.Done d -> {
                if (alerts != null) {
                    alerts.check(order.sellerId(), order.quantitiesBySku().keySet(), now);
                }
                queueConfirmation(confirmed, seller);
                yield Outcome.CONFIRMED;
            }
            case Orders.Stale s -> again(order, attempt, shortSkus);
            case Orders.Short s -> {
                s.shortfalls().forEach(f -> shortSkus.add(f.sku()));
                boolean unknown = s.shortfalls().stream().anyMatch(Orders.Shortfall::unknownSku);
                OrderStatus next = unknown ? OrderStatus.ON_HOLD : OrderStatus.BACKORDERED;
                String reason = (unknown ? "On hold: " : "Not enough stock: ") + s.shortfalls().stream()
                        .map(f -> f.unknownSku() ? "unknown SKU " + f.sku()
                                : f.sku() + ": " + f.requested() + " ordered, " + f.available() + " available")
                        .collect(Collectors.joining("; "));
                Outcome outcome = unknown ? Outcome.ON_HOLD : Outcome.BACKORDERED;
                if (order.status() == next && reason.equals(order.statusReason())) {
                    yield outcome; // a retry that found the same shortage: nothing new to record
                }
                Orders.Applied held = orders.apply(OrderChange.of(order, order.withStatus(next, reason), now, ACTOR,
                        unknown ? "hold" : "backorder", reason, List.of()));
                if (held instanceof Orders.Stale) {
                    yield again(order, attempt, shortSkus);
                }
                if (next == OrderStatus.BACKORDERED && order.status() == OrderStatus.READY) {
                    // The first time only; a redelivery re-queues the same event id, which sends once.
                    emails.enqueue(OrderEmails.backordered(order, seller));
                }
                yield outcome;
            }
        };
    }

    /**
     * New stock of a SKU: the seller's backordered orders that want it are retried oldest first, and
     * the first one it still cannot cover keeps its place (no younger order jumps the queue).
     * Returns how many orders were confirmed.
     */
    public int stockArrived(String sellerId, String sku) {
        return stockArrived(sellerId, Set.of(sku));
    }

    /** New stock of several SKUs (a cancel released them): one walk through the backorders for all. */
    public int stockArrived(String sellerId, Collection<String> skus) {
        Set<String> open = new HashSet<>(skus); // SKUs whose longest waiter is not stuck
        int confirmed = 0;
        Map<String, String> after = null;
        do {
            Orders.Page page = orders.listByStatus(sellerId, OrderStatus.BACKORDERED, after, 100, true);
            for (Order waiting : page.orders()) {
                if (Collections.disjoint(waiting.quantitiesBySku().keySet(), open)) {
                    continue;
                }
                Set<String> shortSkus = new HashSet<>();
                if (process(waiting.orderId(), 1, shortSkus) == Outcome.CONFIRMED) {
                    confirmed++;
                } else {
                    open.removeAll(shortSkus); // the longest-waiting order still needs more of these
                    if (open.isEmpty()) {
                        return confirmed;
                    }
                }
            }
            after = page.next();
        } while (after != null);
        return confirmed;
    }
    /**
     * A storefront canceled the order (Shopify orders/cancelled, a WooCommerce status, an Amazon
     * buyer request): canceled here too unless it has shipped, with stock released, the buyer
     * emailed and the released units offered to the backorders.
     */
    public Outcome cancel(String orderId, String reason, boolean buyerRequested, Actor by) {
        Outcome outcome = Races.retry(5, attempt -> {
            Order order = orders.get(orderId).orElse(null);
            if (order == null) {
                return Outcome.UNKNOWN_ORDER;
            }
            String note = reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason;
            ActionRequests.Cancel request = new ActionRequests.Cancel(buyerRequested ? "BUYER_REQUESTED" : "OTHER", note);
            Instant now = clock.instant();
            OrderChange change;
            try {
                change = OrderLifecycle.cancel(order, request, by, now);
            } catch (Failure.IllegalTransition shipped) {
                return order.status() == OrderStatus.CANCELED ? Outcome.ALREADY_DONE : Outcome.TOO_LATE_TO_CANCEL;
            }
            Seller seller = seller(order);
            if (change == null) {
                emails.enqueue(OrderEmails.canceled(order, seller)); // a repeat: same event id, one email
                return Outcome.ALREADY_DONE;
            }
            if (orders.apply(change) instanceof Orders.Done) {
                emails.enqueue(OrderEmails.canceled(change.after(), seller));
                if (!change.stock().isEmpty() && alerts != null) {
                    alerts.check(order.sellerId(), order.quantitiesBySku().keySet(), now);
                }
                if (!change.stock().isEmpty() || order.status() == OrderStatus.BACKORDERED) {
                    // Released units, or a backorder that may have kept younger ones of its SKUs waiting.
                    stockArrived(order.sellerId(), order.quantitiesBySku().keySet());
                }
                return Outcome.CANCELED;
            }
            return null; // changed meanwhile (a concurrent writer of the order): decide again
        });
        if (outcome == null) {
            throw new IllegalStateException("order " + orderId + " kept changing; retrying the cancel later");
        }
        return outcome;
    }

    /**
     * The seller shipped on the platform (a Shopify fulfillment, a WooCommerce completion, Amazon's
     * Shipped): recorded here with the stock committed. No channel sync (the platform made it) and no
     * shipped email (the platform notified the buyer itself). An order still READY is being reserved
     * by a message of its own: this one fails and comes back once it is UNSHIPPED.
     */
    public Outcome shippedOnPlatform(String orderId, PlatformShipment shipment, Actor by) {
        Outcome outcome = Races.retry(5, attempt -> {
            Order order = orders.get(orderId).orElse(null);
            if (order == null) {
                return Outcome.UNKNOWN_ORDER;
            }
            OrderChange change;
            try {
                change = OrderLifecycle.shipOnPlatform(order, shipment, by, clock.instant());
            } catch (Failure.IllegalTransition notShippable) {
                return switch (order.status()) {
                    case CANCELED -> Outcome.CANCELED_HERE;
                    case READY -> throw new IllegalStateException("order " + orderId
                            + " is not reserved yet; the platform shipment is recorded on a later try");
                    default -> Outcome.NOT_RESERVED;
                };
            } catch (Failure.InvalidInput unmatched) {
                return Outcome.UNMATCHED;
            }
            if (change == null) {
                return Outcome.ALREADY_DONE;
            }
            return switch (orders.apply(change)) {
                case Orders.Done d -> Outcome.SHIPPED_ON_PLATFORM;
                case Orders.Stale s -> null; // changed meanwhile: decide again
                case Orders.Short s -> throw new IllegalStateException("a shipment never reserves stock");
            };
        });
        if (outcome == null) {
            throw new IllegalStateException("order " + orderId + " kept changing; retrying the platform shipment later");
        }
        return outcome;
    }

    /**
     * The seller refunded on the platform (a Shopify refund, a WooCommerce refund): recorded here in one
     * transaction with the order (refunded total, status after delivery, history) through the refund
     * port, under an id derived from the platform's refund id, so a redelivery records nothing. No
     * channel sync (the platform made it), no refund URL (delivery PLATFORM) and no buyer email: the
     * platform already told the buyer, and a second message about the same money would confuse them.
     */
    public Outcome refundedOnPlatform(String orderId, PlatformRefund refund, Actor by) {
        if (refunds == null) {
            throw new IllegalStateException("this processor records no refunds");
        }
        Outcome outcome = Races.retry(5, attempt -> {
            Order order = orders.get(orderId).orElse(null);
            if (order == null) {
                return Outcome.UNKNOWN_ORDER;
            }
            if (refund.ourRefundId() != null) {
                return Outcome.OURS;
            }
            if (!refund.amount().currency().equals(order.currency())) {
                return Outcome.OTHER_CURRENCY;
            }
            if (refunds.get(orderId, PlatformRefunding.refundId(order, refund)).isPresent()) {
                return Outcome.ALREADY_DONE;
            }
            RefundChange change = PlatformRefunding.record(order, refund, by, clock.instant());
            if (change == null) {
                return Outcome.NOTHING_LEFT;
            }
            return switch (refunds.issue(change)) {
                case Orders.Done d -> Outcome.REFUNDED_ON_PLATFORM;
                case Orders.Stale s -> null; // changed meanwhile (or the same refund recorded meanwhile): look again
                case Orders.Short s -> throw new IllegalStateException("a refund never reserves stock");
            };
        });
        if (outcome == null) {
            throw new IllegalStateException("order " + orderId + " kept changing; retrying the platform refund later");
        }
        return outcome;
    }

    /** Someone changed the order meanwhile (a cancel, a payment, another delivery): decide again. */
    private Outcome again(Order order, int attempt, Set<String> shortSkus) {
        if (attempt >= 5) {
            throw new IllegalStateException("order " + order.orderId() + " kept changing; retrying later");
        }
        Races.pause(attempt); // a race: a jittered pause so the writers do not collide again in step
        return process(order.orderId(), attempt + 1, shortSkus);
    }

    private void queueConfirmation(Order order, Seller seller) {
        emails.enqueue(OrderEmails.confirmation(order, seller));
        orders.markConfirmationQueued(order.orderId(), clock.instant());
    }

    /** The longest handling time of the order's SKUs (one batch read of their stock items). */
    private int handlingDays(Order order, Seller seller) {
        var skus = order.quantitiesBySku().keySet();
        return ShipByPolicy.handlingDays(skus, handlingTimes.handlingDays(order.sellerId(), skus), seller.handlingDays());
    }

    private Seller seller(Order order) {
        return accounts.seller(order.sellerId()).orElseThrow(
                () -> new IllegalStateException("order " + order.orderId() + " has unknown seller " + order.sellerId()));
    }
}
