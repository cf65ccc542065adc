package orderflow.shared.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.StockChange;
import orderflow.shared.domain.Storefront;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.email.RenderedEmail;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.EmailSender;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
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
        final Map<String, AmazonLink> amazon = new HashMap<>();
        @Override public Optional<AmazonLink> amazonSeller(String id) { return Optional.ofNullable(amazon.get(id)); }
    }

    static final class OrdersFake implements Orders {
        final Map<String, Order> orders = new HashMap<>();
        final Map<String, Instant> confirmationQueued = new HashMap<>();
        final Map<String, List<HistoryEntry>> history = new HashMap<>();
        /** available stock per SKU (one seller per test); reserved and on hand as the adapter keeps them. */
        final Map<String, Integer> available = new HashMap<>();
        final Map<String, Integer> reserved = new HashMap<>();
        final Map<String, Integer> onHand = new HashMap<>();

        final Map<String, byte[]> raw = new HashMap<>();
        /** The channel syncs written with changes (the outbox), in order. */
        final List<orderflow.shared.domain.channels.ChannelSync> syncs = new ArrayList<>();

        @Override
        public boolean create(Order order, HistoryEntry received, byte[] rawPayload) {
            boolean created = create(order, received);
            if (created && rawPayload != null) {
                raw.put(order.orderId(), rawPayload);
            }
            return created;
        }

        @Override
        public Optional<byte[]> rawPayload(String orderId) {
            return Optional.ofNullable(raw.get(orderId));
        }

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
            Order o = orders.get(orderId);
            return o == null ? Optional.empty() : Optional.of(o.withConfirmationQueuedAt(confirmationQueued.get(orderId)));
        }

        /** Changes that lose every race (a hot SKU on DynamoDB) before changes go through again. */
        int racesToLose;

        @Override
        public Applied apply(OrderChange change) {
            if (racesToLose > 0) {
                racesToLose--;
                throw new orderflow.shared.domain.Failure.Conflict("lost every race (test)");
            }
            Order current = orders.get(change.after().orderId());
            if (current == null || current.version() != change.before().version()) {
                return new Stale();
            }
            List<Shortfall> short_ = new ArrayList<>();
            for (StockChange m : change.stock()) {
                Integer have = available.get(m.sku());
                if (m.kind() == StockChange.Kind.RESERVE && (have == null || have < m.quantity())) {
                    short_.add(new Shortfall(m.sku(), m.quantity(), have));
                }
            }
            if (!short_.isEmpty()) {
                return new Short(short_);
            }
            for (StockChange m : change.stock()) {
                int q = m.quantity();
                switch (m.kind()) {
                    case RESERVE -> { available.merge(m.sku(), -q, Integer::sum); reserved.merge(m.sku(), q, Integer::sum); }
                    case COMMIT -> { onHand.merge(m.sku(), -q, Integer::sum); reserved.merge(m.sku(), -q, Integer::sum); }
                    case RELEASE -> { available.merge(m.sku(), q, Integer::sum); reserved.merge(m.sku(), -q, Integer::sum); }
                }
            }
            orders.put(current.orderId(), change.after());
            history.computeIfAbsent(current.orderId(), k -> new ArrayList<>()).add(change.entry());
            syncs.addAll(change.syncs());
            return new Done();
        }

        @Override
        public List<HistoryEntry> history(String orderId, long afterVersion, int limit) {
            return history.getOrDefault(orderId, List.of()).stream().filter(e -> e.version() > afterVersion)
                    .limit(limit).toList();
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
        public Page listByStatus(String sellerId, orderflow.shared.domain.OrderStatus status, Map<String, String> after,
                                 int limit, boolean oldestFirst) {
            java.util.Comparator<Order> byAge = java.util.Comparator.comparing(Order::createdAt).thenComparing(Order::orderId);
            List<Order> matching = orders.values().stream()
                    .filter(o -> o.sellerId().equals(sellerId) && o.status() == status)
                    .sorted(oldestFirst ? byAge : byAge.reversed()).toList();
            return new Page(matching.subList(0, Math.min(limit, matching.size())), null);
        }

        @Override
        public void markConfirmationQueued(String orderId, Instant at) {
            confirmationQueued.put(orderId, at);
        }
    }

    static final class QueueFake implements OrderQueue {
        final List<String> enqueued = new ArrayList<>();

        final List<String> arrivals = new ArrayList<>();

        @Override
        public void enqueue(String orderId) {
            enqueued.add(orderId);
        }

        @Override
        public void stockArrived(String sellerId, String sku) {
            arrivals.add(sellerId + ":" + sku);
        }

        final List<String> contended = new ArrayList<>();

        @Override
        public void retryContended(String orderId, int times, java.time.Duration delay) {
            contended.add(orderId + ":" + times + ":" + delay.toSeconds());
        }

        final List<String> cancels = new ArrayList<>();

        @Override
        public void cancel(String orderId, String reason, boolean buyerRequested, orderflow.shared.domain.Actor actor) {
            cancels.add(orderId + ":" + buyerRequested + ":" + reason);
        }

        final List<String> platformShipments = new ArrayList<>();

        @Override
        public void shippedOnPlatform(String orderId, orderflow.shared.domain.storefront.PlatformShipment shipment,
                                      orderflow.shared.domain.Actor actor) {
            platformShipments.add(orderId + ":" + shipment.reference() + ":" + actor);
        }

        final List<String> platformRefunds = new ArrayList<>();

        @Override
        public void refundedOnPlatform(String orderId, orderflow.shared.domain.storefront.PlatformRefund refund,
                                       orderflow.shared.domain.Actor actor) {
            platformRefunds.add(orderId + ":" + refund.platform() + " " + refund.refundId() + ":" + actor);
        }
    }

    static final class DeliveryLogFake implements orderflow.shared.ports.DeliveryLog {
        final java.util.Map<String, String> handled = new java.util.HashMap<>();
        final java.util.Map<String, EarlyCancel> cancels = new java.util.HashMap<>();

        @Override
        public java.util.Optional<String> handled(String source, String deliveryId) {
            return java.util.Optional.ofNullable(handled.get(source + "#" + deliveryId));
        }

        @Override
        public void record(String source, String deliveryId, String orderId, java.time.Instant at) {
            handled.put(source + "#" + deliveryId, orderId == null ? "" : orderId);
        }

        @Override
        public void rememberCancel(String storefrontId, String externalOrderId, EarlyCancel cancel, java.time.Instant at) {
            cancels.put(storefrontId + "#" + externalOrderId, cancel);
        }

        @Override
        public java.util.Optional<EarlyCancel> earlyCancel(String storefrontId, String externalOrderId) {
            return java.util.Optional.ofNullable(cancels.get(storefrontId + "#" + externalOrderId));
        }
    }

    static final class SkuMappingsFake implements orderflow.shared.ports.SkuMappings {
        final java.util.Map<String, String> skus = new java.util.HashMap<>();

        @Override
        public void remember(String storefrontId, String key, String sku) {
            skus.put(storefrontId + "#" + key, sku);
        }
    }

    static final class OutboxFake implements EmailOutbox {
        final List<EmailMessage> messages = new ArrayList<>();

        @Override
        public void queue(EmailMessage message) {
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

    /** ChannelSyncsTable and the platform links, with DynamoChannelSyncs' conditional record. */
    static final class ChannelSyncsFake implements orderflow.shared.ports.ChannelSyncs {
        final Map<String, orderflow.shared.domain.channels.ChannelSync> items = new HashMap<>();
        final Map<String, orderflow.shared.domain.channels.ChannelLink> links = new HashMap<>();
        boolean refuseNextRecord;

        @Override
        public Optional<orderflow.shared.domain.channels.ChannelSync> get(String orderId, String syncId) {
            return Optional.ofNullable(items.get(syncId)).filter(s -> s.orderId().equals(orderId));
        }

        @Override
        public List<orderflow.shared.domain.channels.ChannelSync> ofOrder(String orderId) {
            return items.values().stream().filter(s -> s.orderId().equals(orderId)).toList();
        }

        @Override
        public boolean record(orderflow.shared.domain.channels.ChannelSync before,
                              orderflow.shared.domain.channels.ChannelSync after) {
            orderflow.shared.domain.channels.ChannelSync current = items.get(before.syncId());
            if (refuseNextRecord || current == null || current.status() != before.status()
                    || current.attempts() != before.attempts()) {
                refuseNextRecord = false;
                return false;
            }
            items.put(after.syncId(), after);
            return true;
        }

        @Override
        public Optional<orderflow.shared.domain.channels.ChannelLink> link(String storefrontId) {
            return Optional.ofNullable(links.get(storefrontId));
        }
    }

    /** SyncQueue: what was queued, with its delay. */
    static final class SyncQueueFake implements orderflow.shared.ports.SyncQueue {
        final List<Map.Entry<String, java.time.Duration>> sent = new ArrayList<>();

        @Override
        public void enqueue(String orderId, String syncId, java.time.Duration delay) {
            sent.add(Map.entry(syncId, delay));
        }
    }

    /** Inventory in which no SKU is low: a low-stock check queues nothing (any other call fails the test). */
    static orderflow.shared.ports.Inventory noLowStock() {
        return (orderflow.shared.ports.Inventory) java.lang.reflect.Proxy.newProxyInstance(
                orderflow.shared.ports.Inventory.class.getClassLoader(),
                new Class<?>[] {orderflow.shared.ports.Inventory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("refreshLowStock")) {
                        return List.of();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
