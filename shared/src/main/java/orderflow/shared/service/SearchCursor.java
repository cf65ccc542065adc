package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.search.SearchKind;
import orderflow.shared.json.Json;

/**
 * The opaque cursor of a search: the kind being read and the position in its entries (none: the
 * kind's start), base64url JSON. Accepted only for the seller and query it was made for: its key must
 * be in that seller's partition and start with the value searched.
 */
final class SearchCursor {

    record Position(SearchKind kind, Map<String, String> key) {
    }

    private SearchCursor() {
    }

    static String encode(Position p) {
        if (p == null) {
            return null;
        }
        Map<String, String> json = new LinkedHashMap<>();
        json.put("kind", p.kind().code());
        if (p.key() != null) {
            json.putAll(p.key());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position, or null with an error on "cursor" added; keyOk says whether a kind and key (null:
     * the kind's start) belong to this search.
     */
    static Position decode(String text, java.util.function.BiPredicate<SearchKind, Map<String, String>> keyOk,
                           List<FieldError> errors) {
        try {
            Map<String, Object> json = Json.parseObject(new String(Base64.getUrlDecoder().decode(text),
                    StandardCharsets.UTF_8));
            SearchKind kind = json.get("kind") instanceof String s ? SearchKind.ofCode(s) : null;
            Map<String, String> key = new LinkedHashMap<>();
            json.forEach((k, v) -> key.put(k, v instanceof String s ? s : null));
            key.remove("kind");
            if (kind != null && !key.containsValue(null)
                    && (key.isEmpty() || key.keySet().equals(java.util.Set.of("pk", "sk")))
                    && keyOk.test(kind, key.isEmpty() ? null : key)) {
                return new Position(kind, key.isEmpty() ? null : key);
            }
        } catch (IllegalArgumentException | Failure e) {
            // reported below
        }
        errors.add(new FieldError("cursor", "is not a cursor returned by this search"));
        return null;
    }
}
