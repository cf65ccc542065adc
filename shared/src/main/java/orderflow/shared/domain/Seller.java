package orderflow.shared.domain;

import java.time.ZoneId;

/**
 * A seller account: what emails are signed with and how fast it promises to ship and deliver.
 * handlingDays and transitDays are business days (Mon-Fri) in the seller's time zone, as on
 * Seller Central: ship by = purchase + handling, deliver by = ship by + transit.
 */
public record Seller(String sellerId, String storeName, String notifyEmail, String replyTo,
                     String supportContact, int handlingDays, ZoneId timeZone, int transitDays) {

    public static final int DEFAULT_TRANSIT_DAYS = 5;

    public Seller(String sellerId, String storeName, String notifyEmail, String replyTo, String supportContact,
                  int handlingDays, ZoneId timeZone) {
        this(sellerId, storeName, notifyEmail, replyTo, supportContact, handlingDays, timeZone, DEFAULT_TRANSIT_DAYS);
    }
}
