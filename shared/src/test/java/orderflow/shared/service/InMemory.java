package orderflow.shared.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Storefront;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.email.RenderedEmail;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.EmailSender;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.Reservations;
import orderflow.shared.ports.SendLog;

/** Hand-written in-memory fakes of the ports, for unit tests of the domain services only. */
final class InMemory {

    private InMemory() {
    }

    static final class AccountsFake implements Accounts {
        final Map<String, Storefront> storefronts = new HashMap<>();
        final Map<String, Seller> sellers = new HashMap<>();
        final Map<String, String> keys = new HashMap<>();

        @Override public Optional<Storefront> storefront(String id) { return Optional.ofNullable(storefronts.get(id)); }
        @Override public Optional<Seller> seller(String id) { return Optional.ofNullable(sellers.get(id)); }
        @Override public Optional<String> sellerIdForApiKeyHash(String hash) { return Optional.ofNullable(keys.get(hash)); }
    }

    static final class OrdersFake implements Orders {
        final Map<String, Order> orders = new HashMap<>();
        final Map<String, Instant> confirmationQueued = new HashMap<>();

        @Override
        public boolean createIfAbsent(Order order) {
            return orders.putIfAbsent(order.orderId(), order) == null;
        }

        @Override
        public Optional<Order> get(String orderId) {
            Order o = orders.get(orderId);
            if (o == null) {
                return Optional.empty();
            }
            Instant queued = confirmationQueued.get(orderId);
            return Optional.of(new Order(o.orderId(), o.sellerId(), o.storefrontId(), o.externalOrderId(), o.status(),
                    o.statusReason(), o.createdAt(), o.receivedAt(), o.currency(), o.buyer(), o.shipTo(), o.lines(),
                    o.totals(), o.shipBy(), queued));
        }

        @Override
        public boolean transition(String orderId, Set<OrderStatus> from, OrderStatus to, String reason, Instant at) {
            Order o = orders.get(orderId);
            if (o == null || !from.contains(o.status())) {
                return false;
            }
            orders.put(orderId, o.withStatus(to, reason));
            return true;
        }

        @Override
        public Page list(String sellerId, OrderFilter filter, Map<String, String> after, int limit) {
            List<Order> mine = new ArrayList<>(orders.values().stream()
                    .filter(o -> o.sellerId().equals(sellerId))
                    .filter(o -> filter.status() == null || o.status() == filter.status())
                    .sorted(java.util.Comparator.comparing(Order::createdAt).thenComparing(Order::orderId).reversed())
                    .toList());
            if (after != null) {
                mine.removeIf(o -> (o.createdAt() + "#" + o.orderId()).compareTo(after.get("listKey")) >= 0);
            }
            List<Order> page = mine.subList(0, Math.min(limit, mine.size()));
            Order last = page.isEmpty() ? null : page.get(page.size() - 1);
            Map<String, String> next = mine.size() > limit && last != null ? Map.of("orderId", last.orderId(),
                    "sellerId", sellerId, "listKey", last.createdAt() + "#" + last.orderId()) : null;
            return new Page(List.copyOf(page), next);
        }

        @Override
        public void markConfirmationQueued(String orderId, Instant at) {
            confirmationQueued.put(orderId, at);
        }
    }

    static final class ReservationsFake implements Reservations {
        final Map<String, Integer> available = new HashMap<>();
        final OrdersFake orders;

        ReservationsFake(OrdersFake orders) {
            this.orders = orders;
        }

        @Override
        public Result reserveAndConfirm(Order order, Instant shipBy, Instant now) {
            Order current = orders.orders.get(order.orderId());
            if (current.status() != OrderStatus.READY && current.status() != OrderStatus.BACKORDERED) {
                return new NotWaiting();
            }
            List<Shortfall> shortfalls = new ArrayList<>();
            order.quantitiesBySku().forEach((sku, qty) -> {
                Integer have = available.get(sku);
                if (have == null || have < qty) {
                    shortfalls.add(new Shortfall(sku, qty, have));
                }
            });
            if (!shortfalls.isEmpty()) {
                return new Short(shortfalls);
            }
            order.quantitiesBySku().forEach((sku, qty) -> available.merge(sku, -qty, Integer::sum));
            orders.orders.put(order.orderId(), current.confirmed(shipBy));
            return new Reserved();
        }
    }

    static final class QueueFake implements OrderQueue {
        final List<String> enqueued = new ArrayList<>();

        @Override
        public void enqueue(String orderId) {
            enqueued.add(orderId);
        }
    }

    static final class OutboxFake implements EmailOutbox {
        final List<EmailMessage> messages = new ArrayList<>();

        @Override
        public void enqueue(EmailMessage message) {
            messages.add(message);
        }
    }

    static final class SenderFake implements EmailSender {
        final List<RenderedEmail> sent = new ArrayList<>();
        boolean reject;
        boolean throttle;

        @Override
        public String send(RenderedEmail email) {
            if (throttle) {
                throw new IllegalStateException("ThrottlingException: Maximum sending rate exceeded");
            }
            if (reject) {
                throw new PermanentRejection("MessageRejected: address is suppressed", null);
            }
            sent.add(email);
            return "msg-" + sent.size();
        }
    }

    static final class SendLogFake implements SendLog {
        record Entry(String state, Instant leaseUntil) {
        }

        final Map<String, Entry> entries = new HashMap<>();

        @Override
        public Claim claim(String eventId, Instant now, Duration lease) {
            Entry e = entries.get(eventId);
            if (e == null || e.state().equals("SENDING") && e.leaseUntil().isBefore(now)) {
                entries.put(eventId, new Entry("SENDING", now.plus(lease)));
                return Claim.CLAIMED;
            }
            return switch (e.state()) {
                case "SENT" -> Claim.ALREADY_SENT;
                case "REJECTED" -> Claim.REJECTED;
                default -> Claim.IN_PROGRESS;
            };
        }

        @Override
        public void markSent(String eventId, String providerMessageId, Instant at) {
            entries.put(eventId, new Entry("SENT", null));
        }

        @Override
        public void release(String eventId) {
            Entry e = entries.get(eventId);
            if (e != null && e.state().equals("SENDING")) {
                entries.put(eventId, new Entry("SENDING", Instant.EPOCH));
            }
        }

        @Override
        public void markRejected(String eventId, String reason, Instant at) {
            entries.put(eventId, new Entry("REJECTED", null));
        }
    }
}
