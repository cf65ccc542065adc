package orderflow.shared.domain;

import java.time.Instant;
import java.util.List;

/**
 * What came with an order from its storefront besides its content: the number the platform shows
 * (Shopify's "#1001"), whether it is paid on delivery, what stops it (holds: each a field and what
 * to do), dates the marketplace measures the seller on, notes for the seller, and the buyer's own
 * currency's amounts when they differ from the shop's (presentment; null when the same).
 *
 * @param awaitingPayment the storefront had not confirmed payment yet: a released hold goes to
 *                        PENDING, not READY
 */
public record Intake(String displayNumber, boolean payOnDelivery, boolean awaitingPayment, List<FieldError> holds,
                     Instant marketplaceShipBy, Instant marketplaceDeliverBy, List<String> notes,
                     Presentment presentment) {

    public static final Intake NONE = new Intake(null, false, false, List.of(), null, null, List.of());

    public Intake {
        holds = holds == null ? List.of() : List.copyOf(holds);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public Intake(String displayNumber, boolean payOnDelivery, boolean awaitingPayment, List<FieldError> holds,
                  Instant marketplaceShipBy, Instant marketplaceDeliverBy, List<String> notes) {
        this(displayNumber, payOnDelivery, awaitingPayment, holds, marketplaceShipBy, marketplaceDeliverBy, notes, null);
    }

    public boolean held() {
        return !holds.isEmpty();
    }

    public Intake withHolds(List<FieldError> next) {
        return new Intake(displayNumber, payOnDelivery, awaitingPayment, next, marketplaceShipBy, marketplaceDeliverBy,
                notes, presentment);
    }

    /** A hold on a line's SKU (absent or unusable): answered by mapping the line to a SKU. */
    public static boolean skuHold(FieldError hold) {
        return hold.field().endsWith(".sku") || hold.field().endsWith(".SellerSKU");
    }

    /** The holds left once every line has a SKU. */
    public Intake withoutSkuHolds() {
        return withHolds(holds.stream().filter(h -> !skuHold(h)).toList());
    }

    /** One line for a status reason: the holds, field by field. */
    public String holdReason() {
        StringBuilder s = new StringBuilder("On hold: ");
        for (int i = 0; i < holds.size(); i++) {
            if (i > 0) {
                s.append("; ");
            }
            s.append(holds.get(i).field()).append(' ').append(holds.get(i).message());
        }
        return s.length() > 1000 ? s.substring(0, 997) + "..." : s.toString();
    }
}
