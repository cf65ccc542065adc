package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.calendar.ShippingCalendar;
import orderflow.shared.ports.HandlingTimes;
import org.junit.jupiter.api.Test;

/** Reservation sets ship-by and deliver-by from the seller's calendar and the SKUs' handling times. */
class ProcessOrderCalendarTest {

    /** Friday 27 Nov 2026, noon UTC. */
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OutboxFake outbox = new InMemory.OutboxFake();
    private final Map<String, Integer> skuHandling = new HashMap<>();
    private final List<List<String>> handlingReads = new ArrayList<>();
    private final HandlingTimes handlingTimes = (seller, skus) -> {
        handlingReads.add(List.copyOf(skus));
        Map<String, Integer> found = new HashMap<>(skuHandling);
        found.keySet().retainAll(skus);
        return found;
    };
    private final ProcessOrderService service = new ProcessOrderService(orders, accounts, outbox, null, null, null,
            handlingTimes, Clock.fixed(NOW, ZoneOffset.UTC));

    private void seller(ShippingCalendar calendar) {
        accounts.sellers.put("seller", new Seller("seller", "Shop", "o@shop.example", "r@shop.example",
                "s@shop.example", 1, ZoneId.of("UTC"), 2, Seller.DEFAULT_UNPAID_CANCEL_DAYS, calendar));
    }

    private Order store(Intake intake) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        Order o = GenericOrderPayload.parse(json).toOrder("sf", "seller", NOW);
        Order order = new Order(o.orderId(), o.sellerId(), o.storefrontId(), o.externalOrderId(), o.status(),
                o.statusReason(), o.createdAt(), o.receivedAt(), o.currency(), o.buyer(), o.shipTo(), o.lines(),
                o.totals(), o.shipBy(), o.confirmationQueuedAt(), o.version(), o.fulfillment(), o.refunded(), intake);
        orders.createIfAbsent(order);
        orders.available.put("MUG-BLUE", 10);
        return order;
    }

    private Order processed(Order order) {
        assertEquals(ProcessOrderService.Outcome.CONFIRMED, service.process(order.orderId()));
        return orders.orders.get(order.orderId());
    }

    @Test
    void an_order_after_the_cut_off_before_a_holiday_ships_by_the_shipping_day_after_next() {
        // Cut-off 11:00 UTC, Monday 30 Nov taken off: Friday noon starts Tuesday 1 Dec, + 1 day = Wednesday.
        seller(new ShippingCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(11, 0), null,
                new TreeSet<>(List.of(LocalDate.parse("2026-11-30"))), null));
        Order confirmed = processed(store(Intake.NONE));
        assertEquals(Instant.parse("2026-12-02T23:59:59.999999999Z"), confirmed.shipBy());
        // 2 carrier days after Wednesday: Friday 4 Dec.
        assertEquals(Instant.parse("2026-12-04T23:59:59.999999999Z"), confirmed.fulfillment().deliverBy());
    }

    @Test
    void a_sku_with_a_longer_handling_time_moves_the_ship_by_with_one_read_for_the_order() {
        seller(ShippingCalendar.DEFAULT);
        skuHandling.put("MUG-BLUE", 3);
        Order confirmed = processed(store(Intake.NONE));
        // Friday (before any cut-off) + 3 shipping days = Wednesday 2 Dec.
        assertEquals(Instant.parse("2026-12-02T23:59:59.999999999Z"), confirmed.shipBy());
        assertEquals(List.of(List.of("MUG-BLUE")), handlingReads);
    }

    @Test
    void the_marketplaces_own_dates_win_and_no_handling_time_is_read() {
        seller(new ShippingCalendar(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), "US", null, null));
        skuHandling.put("MUG-BLUE", 10);
        Instant latestShip = Instant.parse("2026-11-30T07:59:59Z");
        Instant latestDelivery = Instant.parse("2026-12-04T07:59:59Z");
        Order confirmed = processed(store(new Intake(null, false, false, List.of(), latestShip, latestDelivery,
                List.of())));
        assertEquals(latestShip, confirmed.shipBy());
        assertEquals(latestDelivery, confirmed.fulfillment().deliverBy());
        assertTrue(handlingReads.isEmpty());
    }
}
