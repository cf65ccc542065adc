package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.SellerAction;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.CarrierException;
import orderflow.shared.domain.shipping.Label;
import orderflow.shared.domain.shipping.LabelRequests;
import orderflow.shared.domain.shipping.PurchaseRequest;
import orderflow.shared.domain.shipping.PurchasedLabel;
import orderflow.shared.domain.shipping.Quote;
import orderflow.shared.domain.shipping.Rate;
import orderflow.shared.domain.shipping.ShipmentLabel;
import orderflow.shared.ports.Carrier;
import orderflow.shared.ports.CarrierAccounts;
import orderflow.shared.ports.LabelFiles;
import orderflow.shared.ports.Labels;
import orderflow.shared.ports.Orders;

/**
 * POST /v1/orders/{orderId}/labels: buys one rate of a quote and ships the parcel with it. The
 * label's id comes from the quote, and the label is written PURCHASING before the carrier is paid, so
 * any retry (a lost answer, a crash, a second click) finishes that one purchase instead of starting
 * another: the carrier is asked first whether the quote was bought. Each later step is idempotent:
 * the file overwrites itself, the shipment is known by its tracking number. A purchase the carrier
 * certainly refused leaves nothing behind.
 */
public final class BuyLabel {

    private final Orders orders;
    private final CarrierAccounts accounts;
    private final Carriers carriers;
    private final Labels labels;
    private final LabelFiles files;
    private final ShipOrder shipping;
    private final Clock clock;

    public BuyLabel(Orders orders, CarrierAccounts accounts, Carriers carriers, Labels labels, LabelFiles files,
                    ShipOrder shipping, Clock clock) {
        this.orders = orders;
        this.accounts = accounts;
        this.carriers = carriers;
        this.labels = labels;
        this.files = files;
        this.shipping = shipping;
        this.clock = clock;
    }

    /** The label and whether this call bought it (false: an earlier call did). */
    public record Bought(Label label, boolean changed, Order order) {
    }

    public Bought buy(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        OrderActions.load(orders, sellerId, orderId); // another seller's or no order: 404 before anything else
        LabelRequests.BuyAsk ask = LabelRequests.buy(body);
        Quote quote = labels.quote(sellerId, orderId, ask.quoteId()).orElseThrow(() -> new Failure.InvalidInput(
                "No such quote for this order.", java.util.List.of(new FieldError("quoteId",
                        "is not a quote of this order; ask POST /v1/orders/{orderId}/rates for one"))));
        String labelId = labelId(sellerId, orderId, quote.quoteId());
        Optional<Label> existing = labels.get(sellerId, orderId, labelId);
        if (existing.isPresent() && existing.get().status() != Label.Status.PURCHASING) {
            return new Bought(existing.get(), false, OrderActions.load(orders, sellerId, orderId));
        }
        Rate rate = quote.rate(ask.rateId()).orElseThrow(() -> new Failure.InvalidInput("No such rate in the quote.",
                java.util.List.of(new FieldError("rateId", "is not one of the quote's rates"))));
        Instant now = clock.instant();
        Order order = OrderActions.load(orders, sellerId, orderId);
        Label label = existing.orElse(null);
        if (label == null) {
            if (quote.expired(now)) {
                throw new Failure.InvalidInput("The quote has expired.", java.util.List.of(new FieldError("quoteId",
                        "is older than " + Quote.TTL_HOURS + " hours; ask for rates again")));
            }
            OrderLifecycle.requireAllowed(order, SellerAction.SHIP);
            label = new Label(labelId, sellerId, orderId, quote.provider(), quote.quoteId(), rate.rateId(),
                    rate.carrier(), rate.service(), rate.cost(), quote.lines(), ask.format(), Label.Status.PURCHASING,
                    null, null, null, now, now);
            if (!labels.start(label)) {
                label = labels.get(sellerId, orderId, labelId).orElseThrow();
                if (label.status() != Label.Status.PURCHASING) {
                    return new Bought(label, false, order);
                }
            }
        }
        Label done = finish(label, order, actor);
        return new Bought(done, true, OrderActions.load(orders, sellerId, orderId));
    }

    /** Pays (or finds the payment), stores the file, records the shipment, marks the label bought. */
    private Label finish(Label label, Order order, Actor actor) {
        CarrierAccount account = accounts.forOrder(order).filter(a -> a.provider().equals(label.provider()))
                .orElseThrow(() -> new Failure.NotSetUp("The " + label.provider()
                        + " account this quote was priced with is no longer connected."));
        Carrier carrier = carriers.of(account);
        Label bought = label;
        PurchasedLabel purchase = label.purchase();
        if (purchase == null) {
            try {
                purchase = carrier.buy(account, new PurchaseRequest(label.quoteId(), label.rateId(), label.labelId(),
                        label.format(), new Rate(label.rateId(), label.carrier(), label.service(), label.cost(), null)));
            } catch (CarrierException e) {
                throw failed(label, e);
            }
            bought = label.bought(purchase, clock.instant());
            labels.save(bought);
        }
        if (bought.fileKey() == null) {
            byte[] file = purchase.labelBytes();
            if (file == null) {
                try {
                    file = carrier.download(account, purchase.labelUrl());
                } catch (CarrierException e) {
                    throw new Failure.CarrierFailed(false, "The label is bought but its file could not be fetched ("
                            + e.getMessage() + "); send the same request again to finish.");
                }
            }
            String key = fileKey(bought);
            files.put(key, file, bought.format().contentType());
            bought = bought.stored(key, clock.instant());
            labels.save(bought);
        }
        Instant now = clock.instant();
        ShipmentLabel onShipment = new ShipmentLabel(bought.labelId(), bought.provider(), bought.service(), bought.cost(),
                null, null, null);
        ActionRequests.Ship ship = new ActionRequests.Ship(bought.carrier(), purchase.trackingNumber(), now,
                bought.lines(), onShipment);
        boolean confirmedByPurchase = CarrierAccount.AMAZON_SHIPPING.equals(bought.provider());
        Shipment shipment = shipping.shipLabelled(order.sellerId(), actor, order.orderId(), ship, !confirmedByPurchase)
                .shipment();
        Label done = bought.purchased(shipment.shipmentId(), clock.instant());
        labels.save(done);
        return done;
    }

    /**
     * A refused purchase (or one the carrier did not act on) leaves nothing: the PURCHASING label is
     * removed, so the same quote can be bought after the seller fixed what the carrier said. A purchase
     * that may have happened stays PURCHASING for the next attempt to find.
     */
    private Failure failed(Label label, CarrierException e) {
        return switch (e.kind()) {
            case REJECTED, NOT_FOUND -> {
                labels.abandon(label);
                yield new Failure.CarrierFailed(true, e.getMessage());
            }
            case UNAVAILABLE, UNAUTHORIZED -> {
                labels.abandon(label);
                yield new Failure.CarrierFailed(false, e.kind() == CarrierException.Kind.UNAUTHORIZED
                        ? "The carrier refused the account's credentials; reconnect it with scripts/admin carrier-link."
                        : "The carrier is unavailable (" + e.getMessage() + "); nothing was bought, try again.");
            }
            case UNKNOWN_OUTCOME -> new Failure.CarrierFailed(false, "The carrier's answer was lost ("
                    + e.getMessage() + "); send the same request again: it finishes this purchase, never buys twice.");
        };
    }

    static String fileKey(Label label) {
        return "labels/" + label.sellerId() + "/" + label.orderId() + "/" + label.labelId()
                + (label.format() == orderflow.shared.domain.shipping.LabelFormat.ZPL ? ".zpl" : ".pdf");
    }

    /** One label per quote and order, whatever the number of attempts. */
    public static String labelId(String sellerId, String orderId, String quoteId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((sellerId + "\n" + orderId + "\n" + quoteId)
                    .getBytes(StandardCharsets.UTF_8));
            return "lbl_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
