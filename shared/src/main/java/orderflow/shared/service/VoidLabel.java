package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.CarrierException;
import orderflow.shared.domain.shipping.Label;
import orderflow.shared.ports.CarrierAccounts;
import orderflow.shared.ports.Labels;
import orderflow.shared.ports.Orders;

/**
 * POST /v1/orders/{orderId}/labels/{labelId}/void: before the parcel moves, the label's money is
 * asked back and its shipment leaves the order (units reserved again, the order UNSHIPPED or
 * PARTIALLY_SHIPPED). The order is checked first, so a label whose parcel has moved is never voided
 * at the carrier; a repeat changes nothing.
 */
public final class VoidLabel {

    private static final java.util.regex.Pattern LABEL_ID = java.util.regex.Pattern.compile("lbl_[0-9a-z_]{1,40}");

    private final Orders orders;
    private final CarrierAccounts accounts;
    private final Carriers carriers;
    private final Labels labels;
    private final Clock clock;

    public VoidLabel(Orders orders, CarrierAccounts accounts, Carriers carriers, Labels labels, Clock clock) {
        this.orders = orders;
        this.accounts = accounts;
        this.carriers = carriers;
        this.labels = labels;
        this.clock = clock;
    }

    public BuyLabel.Bought voidLabel(String sellerId, Actor actor, String orderId, String labelId) {
        Order order = OrderActions.load(orders, sellerId, orderId); // first: its id is checked before any key is built
        if (labelId == null || !LABEL_ID.matcher(labelId).matches()) {
            throw new Failure.NotFound("No such label on this order."); // never a key DynamoDB would refuse
        }
        Label label = labels.get(sellerId, orderId, labelId)
                .orElseThrow(() -> new Failure.NotFound("No such label on this order."));
        if (label.status() == Label.Status.VOIDED) {
            return new BuyLabel.Bought(label, false, order);
        }
        if (label.status() != Label.Status.PURCHASED) {
            throw new Failure.Conflict("The label is still being bought; send the purchase again to finish it, then void.");
        }
        Instant now = clock.instant();
        OrderChange change = OrderLifecycle.voidShipment(order, label.shipmentId(), labelId, actor, now);
        CarrierAccount account = accounts.forOrder(order).filter(a -> a.provider().equals(label.provider()))
                .orElseThrow(() -> new Failure.NotSetUp("The " + label.provider()
                        + " account that bought this label is no longer connected."));
        try {
            carriers.of(account).voidLabel(account, label.purchase());
        } catch (CarrierException e) {
            throw new Failure.CarrierFailed(e.kind() == CarrierException.Kind.REJECTED, e.kind()
                    == CarrierException.Kind.REJECTED ? e.getMessage()
                    : "The carrier did not answer (" + e.getMessage() + "); nothing changed here, try again.");
        }
        Order after = OrderActions.write(orders, order, change).order();
        Label voided = label.voided(clock.instant());
        labels.save(voided);
        return new BuyLabel.Bought(voided, true, after);
    }
}
