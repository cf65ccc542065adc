package orderflow.shared.domain.shipping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.json.Json;

/**
 * Reads EasyPost's tracker data: a webhook Event ({@code object: "Event"}, {@code description:
 * "tracker.created" | "tracker.updated"}, {@code result}: the Tracker) or a Tracker as the API
 * answers it. Check the signature first ({@link orderflow.shared.security.EasyPostSignature}).
 *
 * <p>Status mapping (EasyPost's documented tracker statuses): pre_transit, in_transit,
 * out_for_delivery and delivered map to their namesakes; available_for_pickup is OUT_FOR_DELIVERY
 * (the parcel waits for the buyer at a pickup point: the last step before delivery, nothing for the
 * seller to act on); return_to_sender is RETURNED; failure and error are EXCEPTION (the seller is
 * alerted); cancelled, unknown and anything new are UNKNOWN (never moves a parcel's status).
 */
public final class EasyPostEvents {

    /** A tracker's state: ids, current status, estimated delivery (null if not given) and every scan, oldest first. */
    public record Update(String eventId, String trackerId, String trackingCode, String shipmentId, TrackingStatus status,
                        Instant estimatedDelivery, List<TrackingEvent> events) {

        public Update {
            events = List.copyOf(events);
        }
    }

    private EasyPostEvents() {
    }

    /**
     * The tracker an Event carries; empty for events about anything else (batches, refunds...).
     * Body that is not a JSON object is {@link orderflow.shared.domain.Failure.InvalidInput}.
     */
    public static Optional<Update> parse(String body) {
        Map<String, Object> event = Json.parseObject(body);
        Map<String, Object> result = map(event.get("result"));
        String description = text(event.get("description"));
        if (!"Event".equals(event.get("object")) || description == null || !description.startsWith("tracker.")
                || result == null || !"Tracker".equals(result.get("object"))) {
            return Optional.empty();
        }
        Update u = tracker(result);
        return Optional.of(new Update(text(event.get("id")), u.trackerId(), u.trackingCode(), u.shipmentId(), u.status(),
                u.estimatedDelivery(), u.events()));
    }

    /** A Tracker object (a map from the API's JSON). */
    public static Update tracker(Map<String, Object> tracker) {
        String code = text(tracker.get("tracking_code"));
        List<TrackingEvent> events = new ArrayList<>();
        if (tracker.get("tracking_details") instanceof List<?> details) {
            for (Object o : details) {
                Map<String, Object> d = map(o);
                if (d == null) {
                    continue;
                }
                String status = text(d.get("status"));
                String message = text(d.get("message"));
                String detail = text(d.get("status_detail"));
                events.add(new TrackingEvent(code, status(status), instant(d.get("datetime")),
                        message != null ? message : detail, status, location(map(d.get("tracking_location")))));
            }
        }
        // Oldest first; scans without a time keep their place at the start.
        events.sort(Comparator.comparing(TrackingEvent::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new Update(null, text(tracker.get("id")), code, text(tracker.get("shipment_id")),
                status(text(tracker.get("status"))), instant(tracker.get("est_delivery_date")), events);
    }

    public static TrackingStatus status(String easyPostStatus) {
        if (easyPostStatus == null) {
            return TrackingStatus.UNKNOWN;
        }
        return switch (easyPostStatus) {
            case "pre_transit" -> TrackingStatus.PRE_TRANSIT;
            case "in_transit" -> TrackingStatus.IN_TRANSIT;
            case "out_for_delivery", "available_for_pickup" -> TrackingStatus.OUT_FOR_DELIVERY;
            case "delivered" -> TrackingStatus.DELIVERED;
            case "return_to_sender" -> TrackingStatus.RETURNED;
            case "failure", "error" -> TrackingStatus.EXCEPTION;
            default -> TrackingStatus.UNKNOWN;
        };
    }

    private static String location(Map<String, Object> l) {
        if (l == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String k : List.of("city", "state", "zip", "country")) {
            String v = text(l.get(k));
            if (v != null) {
                parts.add(v);
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** EasyPost times are ISO 8601 with Z or an offset (local time where the carrier gave a place). */
    private static Instant instant(Object value) {
        String s = text(value);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
