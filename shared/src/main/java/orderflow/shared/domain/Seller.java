package orderflow.shared.domain;

import java.time.ZoneId;

/**
 * A seller account: what emails are signed with and how fast it promises to ship and deliver.
 * handlingDays and transitDays are business days (Mon-Fri) in the seller's time zone, as on
 * Seller Central: ship by = purchase + handling, deliver by = ship by + transit.
 */
public record Seller(String sellerId, String storeName, String notifyEmail, String replyTo,
                     String supportContact, int handlingDays, ZoneId timeZone, int transitDays,
                     int unpaidCancelDays) {

    public static final int DEFAULT_TRANSIT_DAYS = 5;
    /** An order still PENDING (payment not verified) this many days after purchase is canceled. */
    public static final int DEFAULT_UNPAID_CANCEL_DAYS = 21;
    /** The shortest limit a seller may set: the cancel job reads pending orders older than this. */
    public static final int MIN_UNPAID_CANCEL_DAYS = 1;

    public Seller {
        if (unpaidCancelDays < MIN_UNPAID_CANCEL_DAYS) {
            throw new IllegalArgumentException("unpaidCancelDays must be at least " + MIN_UNPAID_CANCEL_DAYS);
        }
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
