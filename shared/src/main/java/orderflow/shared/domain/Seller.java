package orderflow.shared.domain;

import java.time.ZoneId;
import orderflow.shared.domain.calendar.ShippingCalendar;

/**
 * A seller account: what emails are signed with and how fast it promises to ship and deliver.
 * handlingDays are shipping days of the calendar and transitDays carrier days, in the seller's time
 * zone, as on Seller Central: ship by = purchase + handling, deliver by = ship by + transit
 * ({@link ShipByPolicy} counts them). The calendar says which days count and when the day's cut-off is.
 */
public record Seller(String sellerId, String storeName, String notifyEmail, String replyTo,
                     String supportContact, int handlingDays, ZoneId timeZone, int transitDays,
                     int unpaidCancelDays, ShippingCalendar calendar) {

    public static final int DEFAULT_TRANSIT_DAYS = 5;
    /** An order still PENDING (payment not verified) this many days after purchase is canceled. */
    public static final int DEFAULT_UNPAID_CANCEL_DAYS = 21;
    /** The shortest limit a seller may set: the cancel job reads pending orders older than this. */
    public static final int MIN_UNPAID_CANCEL_DAYS = 1;

    public Seller {
        if (unpaidCancelDays < MIN_UNPAID_CANCEL_DAYS) {
            throw new IllegalArgumentException("unpaidCancelDays must be at least " + MIN_UNPAID_CANCEL_DAYS);
        }
        calendar = calendar == null ? ShippingCalendar.DEFAULT : calendar;
    }

    public Seller(String sellerId, String storeName, String notifyEmail, String replyTo, String supportContact,
                  int handlingDays, ZoneId timeZone, int transitDays, int unpaidCancelDays) {
        this(sellerId, storeName, notifyEmail, replyTo, supportContact, handlingDays, timeZone, transitDays,
                unpaidCancelDays, ShippingCalendar.DEFAULT);
    }

    public Seller withCalendar(ShippingCalendar newCalendar) {
        return new Seller(sellerId, storeName, notifyEmail, replyTo, supportContact, handlingDays, timeZone,
                transitDays, unpaidCancelDays, newCalendar);
    }

    public Seller(String sellerId, String storeName, String notifyEmail, String replyTo, String supportContact,
                  int handlingDays, ZoneId timeZone, int transitDays) {
        this(sellerId, storeName, notifyEmail, replyTo, supportContact, handlingDays, timeZone, transitDays,
                DEFAULT_UNPAID_CANCEL_DAYS);
    }

    public Seller(String sellerId, String storeName, String notifyEmail, String replyTo, String supportContact,
                  int handlingDays, ZoneId timeZone) {
        this(sellerId, storeName, notifyEmail, replyTo, supportContact, handlingDays, timeZone, DEFAULT_TRANSIT_DAYS);
    }
}
