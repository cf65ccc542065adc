package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.json.Json;

/**
 * The opaque cursor of the seller's order listings (list and export): a position in the
 * BySellerCreated index as base64url JSON. A cursor is accepted only for the seller it was made for.
 */
final class ListingCursor {

    private static final Set<String> KEYS = Set.of("orderId", "sellerId", "listKey");
    /** A position in ReturnsTable's BySeller index. */
    static final Set<String> RETURN_KEYS = Set.of("rmaId", "sellerId", "createdAt");

    private ListingCursor() {
    }

    static String encode(Map<String, String> position) {
        return position == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position, or null with an error on "cursor" added. */
    static Map<String, String> decode(String text, String sellerId, List<FieldError> errors) {
        return decode(text, sellerId, KEYS, errors);
    }

    /** A position in an index with these key attributes, one of them sellerId. */
    static Map<String, String> decode(String text, String sellerId, Set<String> keys, List<FieldError> errors) {
        try {
            Map<String, Object> json = Json.parseObject(new String(Base64.getUrlDecoder().decode(text),
                    StandardCharsets.UTF_8));
            Map<String, String> position = new LinkedHashMap<>();
            json.forEach((k, v) -> position.put(k, v instanceof String s ? s : null));
            if (position.keySet().equals(keys) && !position.containsValue(null)
                    && sellerId.equals(position.get("sellerId"))) {
                return position;
            }
        } catch (IllegalArgumentException | Failure e) {
            // reported below
        }
        errors.add(new FieldError("cursor", "is not a cursor returned by this listing"));
        return null;
    }
}
