package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.stream.Collectors;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.ShipByPolicy;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.Reservations;

/**
 * Step 2: a paid order reserves stock for every line at once, gets its ship-by date and becomes
 * UNSHIPPED, then its confirmation email is queued. Safe to run any number of times per order.
 */
public final class ProcessOrderService {

    public enum Outcome { CONFIRMED, BACKORDERED, ON_HOLD, STILL_PENDING, ALREADY_DONE, UNKNOWN_ORDER }

    private final Orders orders;
    private final Accounts accounts;
    private final Reservations reservations;
    private final EmailOutbox emails;
    private final Clock clock;

    public ProcessOrderService(Orders orders, Accounts accounts, Reservations reservations, EmailOutbox emails,
                               Clock clock) {
        this.orders = orders;
        this.accounts = accounts;
        this.reservations = reservations;
        this.emails = emails;
        this.clock = clock;
    }

    public Outcome process(String orderId) {
        Order order = orders.get(orderId).orElse(null);
        if (order == null) {
            return Outcome.UNKNOWN_ORDER;
        }
        return switch (order.status()) {
            case PENDING -> Outcome.STILL_PENDING;
            case READY, BACKORDERED -> reserve(order);
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

    private Outcome reserve(Order order) {
        Seller seller = seller(order);
        Instant now = clock.instant();
        Instant shipBy = ShipByPolicy.shipBy(order.createdAt(), seller.handlingDays(), seller.timeZone());
        Reservations.Result result = reservations.reserveAndConfirm(order, shipBy, now);
        return switch (result) {
            case Reservations.Reserved r -> {
                queueConfirmation(order.confirmed(shipBy), seller);
                yield Outcome.CONFIRMED;
            }
            case Reservations.NotWaiting n -> process(order.orderId());
            case Reservations.Short s -> {
                boolean unknown = s.shortfalls().stream().anyMatch(Reservations.Shortfall::unknownSku);
                OrderStatus next = unknown ? OrderStatus.ON_HOLD : OrderStatus.BACKORDERED;
                String reason = s.shortfalls().stream()
                        .map(f -> f.unknownSku() ? "unknown SKU " + f.sku()
                                : f.sku() + ": " + f.requested() + " ordered, " + f.available() + " available")
                        .collect(Collectors.joining("; "));
                orders.transition(order.orderId(), waitingForStock(next), next,
                        (unknown ? "On hold: " : "Not enough stock: ") + reason, now);
                yield unknown ? Outcome.ON_HOLD : Outcome.BACKORDERED;
            }
        };
    }

    /** The states an order can be in while it waits for stock and may move to {@code next}. */
    private static java.util.Set<OrderStatus> waitingForStock(OrderStatus next) {
        java.util.Set<OrderStatus> from = OrderStatus.sourcesOf(next);
        from.retainAll(EnumSet.of(OrderStatus.READY, OrderStatus.BACKORDERED));
        return from;
    }

    private void queueConfirmation(Order order, Seller seller) {
        emails.enqueue(OrderEmails.confirmation(order, seller));
        orders.markConfirmationQueued(order.orderId(), clock.instant());
    }

    private Seller seller(Order order) {
        return accounts.seller(order.sellerId()).orElseThrow(
                () -> new IllegalStateException("order " + order.orderId() + " has unknown seller " + order.sellerId()));
    }
}
