package orderflow.shared.domain;

import java.time.ZoneId;

/**
 * A seller account: what emails are signed with and how fast it promises to ship.
 * handlingDays are business days (Mon-Fri) in the seller's time zone, as on Seller Central.
 */
public record Seller(String sellerId, String storeName, String notifyEmail, String replyTo,
                     String supportContact, int handlingDays, ZoneId timeZone) {
}
