package orderflow.shared.domain.shipping;

import java.time.Instant;

/**
 * One carrier scan: the parcel's tracking number, its status, when the carrier saw it (the carrier's
 * clock, not ours), the carrier's own words and status code, and where (null when not given).
 */
public record TrackingEvent(String trackingNumber, TrackingStatus status, Instant at, String detail,
                            String carrierCode, String location) {
}
