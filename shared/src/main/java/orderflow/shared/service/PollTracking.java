package orderflow.shared.service;

import java.util.function.LongSupplier;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.CarrierException;
import orderflow.shared.domain.shipping.Label;
import orderflow.shared.ports.CarrierAccounts;
import orderflow.shared.ports.Labels;
import orderflow.shared.ports.Orders;

/**
 * Scheduled: asks carriers without tracking webhooks (Amazon Shipping) where each parcel still on
 * its way is, and records the scans like a webhook would. A carrier that fails is skipped until the
 * next run; the run stops early when the function's time runs short.
 */
public final class PollTracking {

    /** Labels looked at per run: at the default schedule (every 30 minutes) ample for a seller's day. */
    public static final int BATCH = 200;
    private static final long MARGIN_MS = 5_000;

    private final Labels labels;
    private final Orders orders;
    private final CarrierAccounts accounts;
    private final Carriers carriers;
    private final TrackParcels parcels;

    public PollTracking(Labels labels, Orders orders, CarrierAccounts accounts, Carriers carriers, TrackParcels parcels) {
        this.labels = labels;
        this.orders = orders;
        this.accounts = accounts;
        this.carriers = carriers;
        this.parcels = parcels;
    }

    public record Report(int polled, int changed, int failed, boolean complete) {
    }

    public Report run(LongSupplier remainingMillis) {
        int polled = 0;
        int changed = 0;
        int failed = 0;
        for (Label label : labels.inTransit(CarrierAccount.AMAZON_SHIPPING, BATCH)) {
            if (remainingMillis.getAsLong() < MARGIN_MS) {
                return new Report(polled, changed, failed, false);
            }
            Order order = orders.get(label.orderId()).orElse(null);
            CarrierAccount account = order == null ? null : accounts.forOrder(order)
                    .filter(a -> a.provider().equals(label.provider())).orElse(null);
            if (account == null) {
                failed++;
                continue;
            }
            try {
                var scans = carriers.of(account).track(account, label.purchase());
                changed += parcels.record(label.sellerId(), label.provider(), scans);
                polled++;
            } catch (CarrierException e) {
                failed++;
            }
        }
        return new Report(polled, changed, failed, true);
    }
}
